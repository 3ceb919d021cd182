"""A small hand-written lexicon of news topics, used to widen a section's keywords.

A publisher configures a section with a dozen keywords; the stories of that section use
hundreds of other words ("striker", "penalty", "relegation" for a section that lists
"football" and "goal"). Each line below is one topic: the words a general news story on it
tends to use. A section takes in the topics its own keywords point to (see
`sections._profile`), so the lexicon is only ever reached through the configured words.

It was written by hand from general knowledge of news writing (wire services, national and
local papers), for the sections news sites commonly have; it was not mined from any corpus.
Topics are grouped in families ([sport], [business], …): a section that takes in one topic of
a family also takes in its siblings, more weakly, so "Sport" configured with football and
tennis words still knows a little about golf. Words are matched like keywords: inflections
count (a crude stemmer), phrases match as phrases, an all-caps word only in capitals.
"""

from __future__ import annotations

from functools import lru_cache

# fmt: off
LEXICON = """
[world]
diplomacy: diplomacy, diplomat, diplomatic, embassy, ambassador, envoy, foreign minister,
  foreign ministry, foreign secretary, summit, treaty, bilateral, sanction, UN,
  united nations, security council, nato, alliance, peace talks, negotiator, foreign,
  international, consulate, delegation, secretary-general, sovereignty
conflict: war, troops, soldier, army, military, militant, insurgent, insurgency, rebel,
  airstrike, air strike, ceasefire, invasion, occupation, bombing, missile, casualty,
  civilian, offensive, guerrilla, peacekeeper, peacekeeping, battle, fighting, militia,
  shelling, frontline, conflict, warlord, regime, coup, junta, uprising, massacre
terrorism: terror, terrorist, terrorism, suicide bomber, bomber, extremist, jihadist,
  hostage, kidnap, kidnapping, al-qaeda, insurgent, attack, explosion, blast
humanitarian: refugee, asylum seeker, migrant, aid agency, aid worker, famine,
  humanitarian, relief, displaced, refugee camp, red cross, unicef, unhcr, starvation,
  malnutrition, genocide, human rights, ethnic
disaster: earthquake, tsunami, flood, flooding, hurricane, cyclone, typhoon, drought,
  wildfire, volcano, death toll, rescue worker, survivor, evacuate, evacuation, landslide,
  quake, magnitude, disaster, devastation
regions: europe, european, asia, asian, africa, african, middle east, latin america,
  caribbean, pacific, balkans, gulf, arab, overseas, abroad, continent
countries: china, chinese, russia, russian, india, indian, iran, iranian, iraq, iraqi,
  israel, israeli, palestinian, gaza, west bank, syria, afghanistan, pakistan, ukraine,
  north korea, south korea, japan, japanese, germany, german, france, french, turkey,
  egypt, nigeria, sudan, kenya, zimbabwe, south africa, brazil, mexico, venezuela,
  indonesia, saudi arabia, lebanon, libya, somalia, congo
defence: defence, defense, armed forces, navy, air force, pentagon, ministry of defence,
  weapon, nuclear weapon, arms, commander, deployment, warship, fighter jet,
  intelligence, spy, military base

[politics]
elections: election, elect, vote, voter, ballot, poll, polling, candidate, campaign,
  campaigner, constituency, seat, majority, landslide, turnout, referendum, manifesto,
  electorate, by-election, general election, polling day, opinion poll, re-election,
  marginal, swing, canvass, hustings, electoral
parliament: parliament, parliamentary, MP, MPs, commons, house of commons, house of lords,
  lords, peer, senate, senator, congress, congressman, congresswoman, legislator, lawmaker,
  legislation, bill, amendment, debate, backbench, backbencher, whip, speaker,
  select committee, law, vote, second reading, statute, assembly, chamber, motion
government: government, minister, ministry, cabinet, prime minister, chancellor,
  secretary of state, home secretary, home office, downing street, white house, president,
  presidential, premier, administration, department, civil servant, civil service,
  whitehall, policy, reform, u-turn, inquiry, public
  inquiry, white paper, green paper, consultation, regulation, regulator, watchdog, quango,
  council, councillor, local authority, mayor, governor
parties: party, labour, conservative, tory, tories, lib dem, lib dems, liberal democrat,
  liberal, democrat, democratic, republican, ukip, snp, plaid cymru, green party, leader,
  leadership, opposition, shadow, coalition, left-wing, right-wing, centre-left,
  centre-right, activist, grassroots, deputy leader, party leader, rebel,
  rebellion, defect, defection, politician, political, politics, partisan
public: tax, taxation, taxpayer, public spending, public services, welfare,
  pension, immigration, asylum, nhs, council tax, budget, spending review, public sector,
  tax cut, tax rise, national insurance, means test, pledge
law: court, judge, trial, jury, lawyer, verdict, sentence, sentenced, prison, jail,
  prisoner, police, arrest, charge, guilty, convicted, conviction, appeal, high court,
  supreme court, prosecutor, prosecution, barrister, solicitor, crime, criminal, murder,
  fraud, theft, lawsuit, sue, ruling, legal, civil liberties, detention, detainee,
  officer, detective, investigation, offence, offender, acquitted, magistrate, tribunal

[business]
markets: market, share, share price, stock, stock market, stock exchange, index, ftse,
  dow jones, nasdaq, nikkei, trading, trader, investor, investment, fund, hedge fund, bond,
  yield, equity, dividend, shareholder, stake, valuation, rally, slump, sell-off, broker,
  brokerage, securities, wall street, the city, flotation, listing, stock market listing,
  initial public offering, ipo, portfolio, asset, capital, speculation, bull, bearish,
  bullish
corporate: company, firm, corporation, chief executive, ceo, chairman, board,
  boardroom, boss, executive, subsidiary, merger, acquisition, acquire, takeover, bid,
  deal, buyout, joint venture, restructuring, job cuts, redundancy, layoff, workforce,
  employee, headquarters, conglomerate, monopoly,
  shareholder, stakeholder, business, businesses, multinational, entrepreneur, brand,
  founder, tycoon, supplier
results: profit, loss, revenue, turnover, earnings, sales, results, quarter, quarterly,
  annual, forecast, outlook, margin, pre-tax, pre-tax profit, operating profit, guidance,
  analyst, bn, billion, debt, cash, writedown, write-off, financial year, fiscal year,
  net income, expectations, growth, dividend, shareholder
economy: economy, economic, economist, growth, gdp, gross domestic product, recession,
  inflation, deflation, interest rate, central bank, federal reserve, bank of england,
  ecb, european central bank, monetary policy, unemployment, jobless, employment, jobs,
  wage, consumer spending, productivity, export, import, trade deficit, current account,
  deficit, surplus, stimulus, currency, dollar, euro, yen, sterling, pound,
  exchange rate, imf, international monetary fund, oecd, world bank, prices, price,
  price rise, demand, supply, boom, downturn, slowdown, recovery, fiscal, borrowing,
  labour market, economies, consumer
banking: bank, banking, banker, lender, loan, lending, mortgage, credit, credit card,
  borrowing, borrower, savings, saver, deposit, insurer, insurance, pension fund, asset,
  finance, financial, financial services, accountant, accounting, audit, auditor,
  bankruptcy, bankrupt, creditor, debt, fund manager
trade: trade, trading, export, exporter, import, importer, tariff, quota, wto,
  world trade organisation, free trade, protectionism, customs, trade talks, trade deal,
  trade barrier, dumping, textile, goods, shipment
energy: oil, oil price, crude, barrel, opec, gas, natural gas, petrol, fuel, energy,
  commodity, commodities, gold, steel, mining, miner, metal, copper, pipeline, refinery,
  brent, oil field, electricity, power station, utility, utilities, oil company
retail: retail, retailer, shop, shopping, store, supermarket, high street, consumer,
  customer, shopper, brand, prices, discount, sales, spending, chain, outlet, purchase,
  mail order, department store, goods, products, christmas sales, like-for-like
industry: manufacturing, manufacturer, factory, plant, production, output, industrial,
  industry, carmaker, car maker, airline, aviation, aircraft, car industry, pharmaceutical,
  drugmaker, construction, engineering, brewer, textile, steelmaker, exporter, sector,
  firms, plants, jobs, union, trade union, workers, pay deal
property: property, house prices, housing market, housing, home owner, homeowner,
  estate agent, rent, rental, landlord, tenant, mortgage, commercial property,
  first-time buyer, stamp duty

[tech]
computing: computer, computing, pc, laptop, desktop, notebook, processor, chip,
  chipmaker, microchip, semiconductor, hardware, software, operating system, windows,
  linux, mac, server, program, programmer, programming, code, coder, developer,
  open source, microsoft, intel, ibm, apple, database, data, storage, hard drive, memory,
  artificial intelligence, algorithm, robot, robotics, supercomputer, computer science,
  technology, tech, machine, machines, upgrade, version,
  desktop computer, personal computer, IT
internet: internet, online, web, website, web page, net, browser, search engine,
  google, yahoo, email, e-mail, blog, blogger, blogging, download, upload, broadband,
  isp, internet service provider, wi-fi, wireless, domain, url, social network,
  social networking, peer-to-peer, file-sharing, file sharing, streaming, podcast,
  podcasting, e-commerce, ebay, amazon, net users, web users, users, user, surfers,
  cyberspace, dial-up, digital, portal,
  technology
telecoms: mobile, mobile phone, phone, handset, smartphone, cellphone, cellular, 3g, 4g,
  network, operator, mobile operator, telecoms, telecommunications, telecom, vodafone,
  text message, texting, sms, sim, bluetooth, wireless, landline, telephone,
  subscriber, voip, internet telephony, carrier, roaming,
  technology
gadgets: gadget, device, digital, camera, digital camera, mp3, mp3 player, ipod,
  music player, portable, screen, display, high-definition, hd, dvd, recorder, pvr,
  set-top box, console, electronics, consumer electronics, battery, sony, samsung, nokia,
  philips, technology, technologies, hi-tech, high-tech, innovation, invention, inventor,
  prototype, wearable, tablet, touchscreen, flat screen
videogames: video game, games, gaming, gamer, console, playstation, xbox, nintendo,
  sega, handheld, multiplayer, game developer, games developer, games industry, joystick,
  arcade, computer game, computer games, titles, virtual, graphics, online games,
  online gaming, sony, microsoft, sequel
security: virus, worm, malware, spyware, spam, spammer, phishing, hacker, hacking, cyber,
  cybercrime, cyber attack, computer security, firewall, password, encryption, privacy,
  anti-virus, antivirus, trojan, identity theft, data breach, security firm,
  vulnerability, patch, flaw, bug, infected, junk mail, e-mail
technology: technology, tech, digital, innovation, start-up, silicon valley, patent,
  users, interface, version, device, devices,
  researcher, engineer, engineers, lab, labs

[science]
research: scientist, science, scientific, research, researcher, study, studies,
  university, laboratory, lab, experiment, journal, findings, professor,
  theory, academic, institute, discovery, discover,
  researchers
space: space, nasa, astronaut, satellite, rocket, orbit, planet, mars, moon, telescope,
  galaxy, asteroid, comet, spacecraft, space station, probe, esa, space agency, shuttle,
  astronomer, astronomy, solar system, launch pad, lunar, cosmic, universe, saturn,
  jupiter
biology: gene, genetic, genetics, dna, genome, cell, stem cell, protein, evolution,
  species, cloning, clone, biologist, biology, organism, bacteria, microbe, mutation,
  enzyme, embryo, molecule, chromosome
environment: climate, climate change, global warming, emissions, carbon, carbon dioxide,
  greenhouse gas, greenhouse, pollution, environment, environmental, renewable,
  renewable energy, wind farm, solar power, solar, fossil fuel, conservation, wildlife,
  endangered, habitat, deforestation, recycling, kyoto, sea level, ozone, green,
  environmentalist, biodiversity, ecosystem
health: health, medical, medicine, doctor, hospital, patient, nurse, disease, illness,
  cancer, heart disease, diabetes, obesity, virus, vaccine, vaccination, drug, treatment,
  therapy, surgery, surgeon, nhs, gp, clinic, infection, epidemic, pandemic, outbreak,
  flu, bird flu, hiv, aids, mental health, symptom, diagnosis, diagnosed, healthcare,
  pharmaceutical, prescription, dementia, stroke, transplant, antibiotic, ward
physics: physics, physicist, chemistry, chemist, particle, atom, atomic, quantum, laser,
  molecule, nuclear physics, electron, radiation, mathematician, mathematics
nature: animal, species, bird, fish, mammal, dinosaur, fossil, zoo, extinction,
  extinct, ecosystem, insect, whale, primate, predator, marine, ocean, forest

[sport]
general: sport, sports, sporting, match, game, team, season, league, cup, championship,
  tournament, final, semi-final, quarter-final, coach, manager, player, captain, squad,
  fan, supporter, stadium, win, victory, defeat, beat, draw, score, champion, title,
  trophy, medal, injury, injured, fitness, fixture, opponent, rival, clash, comeback,
  debut, selection, referee, umpire, half-time, athlete, club, sideline,
  contest, competition, competitor, national team, home side, opener, series,
  cap, caps, teammate, coaching, training, tactics, kick-off, world champion,
  title race, unbeaten, winning, victory, defeat, play, played, playing
football: football, footballer, soccer, striker, midfielder, defender, goalkeeper,
  keeper, goal, penalty, premiership, premier league, fa cup, champions league, uefa,
  fifa, world cup, transfer, transfer window, free kick, red card, yellow card,
  offside, relegation, promotion, winger, centre-back, full-back, hat-trick, header,
  equaliser, extra time, penalty shootout, signing, manager, pitch, clean
  sheet, score, scored
rugby: rugby, rugby union, rugby league, scrum, lineout, fly-half, scrum-half,
  hooker, flanker, six nations, tri-nations, lions, conversion,
  tackle, sin bin, grand slam, number eight
cricket: cricket, cricketer, wicket, batsman, batting, bowler, bowling, innings,
  test match, test series, one-day, odi, spinner, seamer, ashes,
  icc, twenty20, all-rounder, fielder, lbw, captaincy
tennis: tennis, wimbledon, grand slam, seeded, atp, wta,
  davis cup, australian open, us open, french open, roland garros, clay, baseline,
  tiebreak, break point, ace, tie-break, doubles, singles, straight sets, world number
  one
athletics: athletics, athlete, sprinter, sprint, marathon, race, relay, olympic, olympics,
  olympian, hurdles, metres, indoor, personal best, world record, doping, drugs test,
  iaaf, heptathlon, decathlon, long jump, high jump, javelin, runner,
  championships, gold medal, silver medal, bronze medal, podium
golf: golf, golfer, ryder cup, masters, pga, birdie, par, bogey, fairway, putt, open
  championship, caddie
motorsport: formula one, f1, grand prix, driver, racing, circuit, lap, pole position,
  pit stop, nascar, motogp, team-mate, constructor
combat: boxing, boxer, heavyweight, middleweight, bout, knockout, title
  wbc, wba, ibf, judo, wrestling, martial arts
cycling: cycling, cyclist, tour de france, peloton, yellow jersey, velodrome
racing: horse racing, jockey, racecourse, trainer, handicap, grand national, derby,
  cheltenham, racehorse, bookmaker, furlong
us_sports: basketball, nba, baseball, nfl, american football, ice hockey, nhl, super bowl,
  quarterback, pitcher, home run, slam dunk, playoff, play-off
other: hockey, swimming, swimmer, rowing, sailing, ski, skiing, snooker, darts,
  badminton, squash, gymnastics, triathlon, commonwealth games, paralympic, winter
  olympics, skating

[culture]
film: film, movie, cinema, director, actor, actress, star, starring, screen, hollywood,
  box office, blockbuster, sequel, premiere, screenplay, oscar, oscars, academy award,
  academy awards, bafta, golden globe, cannes, film festival, studio, animated, animation,
  documentary, cast, producer, comedy, drama, thriller, horror, film-maker,
  filmmaker, biopic, remake, trailer, cinemas, screening, screenwriter,
  supporting actor, leading role, lead role, best actor, best actress, best film
music: music, musician, album, song, singer, band, chart, concert, tour, gig,
  festival, rock, pop, rap, hip-hop, jazz, classical, orchestra, opera, grammy, grammys,
  brit awards, record label, record company, lyrics, guitarist, guitar, drummer, rapper,
  number one, top 10, vocals, dj, songwriter, singer-songwriter, pop star, rock star,
  frontman, lead singer, recording, studio album, debut album,
  music industry, fans, stage, performer, soul, indie, punk, r&b, choir,
  composer, symphony, downloads, chart-topping
television: television, tv, programme, show, series, episode, channel, broadcaster,
  broadcasting, broadcast, viewers, ratings, sitcom, soap, soap opera, reality tv,
  reality show, presenter, host, itv, channel 4, emmy, documentary, drama, comedy,
  audience, prime time, talent show, game show, chat show, talk show,
  cable, viewing figures, screened, comedian, sketch, satire, radio, dj,
  listeners
books: book, novel, novelist, author, writer, poet, poetry, publisher, publishing,
  bestseller, best-seller, literary, booker prize, booker, fiction, memoir, biography,
  library, reader, readers, literature, paperback, chapter, prize
arts: theatre, play, playwright, stage, west end, broadway, musical, ballet, dance,
  dancer, art, artist, gallery, exhibition, museum, painting, painter, sculpture, artwork,
  curator, arts, turner prize, opera, cultural, culture, heritage
celebrity: celebrity, celebrities, star, stars, fame, famous, paparazzi, red carpet,
  gossip, tabloid, supermodel, fashion, entertainment, entertainer, showbiz,
  show business, glamour, publicist, fan, fans, idol, legend, superstar
awards: award, awards, prize, nominated, nomination, nominee, ceremony, winner, honour,
  accolade, gong, shortlist, shortlisted, red carpet, category, categories,
  lifetime achievement, honoured

[education]
schools: school, schools, pupil, student, teacher, teaching, headteacher, classroom,
  exam, exams, a-level, gcse, curriculum, tuition fees, graduate, degree, college,
  university, universities, lecturer, campus, education, educational, academy, nursery,
  primary school, secondary school, ofsted, grades, literacy

[transport]
transport: rail, train, railway, station, airport, flight, road, traffic, motorist,
  motorway, bus, commuter, passenger, congestion, tube, underground, fare, timetable,
  high-speed rail, runway, ferry, shipping, port, road safety, speed camera

[travel]
travel: travel, holiday, tourism, tourist, destination, hotel, resort, beach, cruise,
  traveller, backpacker, visitor, visitors, trip, package holiday, sightseeing

[food]
food: food, restaurant, chef, recipe, cooking, cook, wine, cuisine, dish, menu, meal,
  diet, ingredient, baking, kitchen, organic, farmer, farming, agriculture, crop

[religion]
religion: church, religion, religious, faith, mosque, muslim, islam, islamic, christian,
  christianity, catholic, pope, vatican, bishop, archbishop, jewish, synagogue, hindu,
  sikh, buddhist, clergy, priest, imam, rabbi, worship, congregation

[motoring]
motoring: car, cars, vehicle, motorist, electric car, hybrid, engine, dealership,
  motoring, horsepower, fuel economy, test drive, hatchback, saloon, suv, four-wheel drive

[fashion]
fashion: fashion, designer, catwalk, runway, clothing, fashion week, model,
  couture, fashion house, wardrobe, dress, beauty, cosmetics

[royal]
royal: queen, king, prince, princess, royal, royal family, palace, monarchy, monarch,
  duke, duchess, throne, crown, coronation, buckingham palace

[weather]
weather: weather, forecaster, rain, snow, storm, wind, temperature, heatwave,
  frost, met office, showers, sunshine, gale, fog, ice
"""
# fmt: on


@lru_cache(maxsize=1)
def topics() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(family, topic, words) for each topic line of the lexicon, in order."""
    parsed: list[tuple[str, str, tuple[str, ...]]] = []
    family = ""
    for line in LEXICON.replace("\n  ", " ").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            family = line[1:-1]
        elif ":" in line:
            topic, _, words = line.partition(":")
            terms = tuple(dict.fromkeys(w.strip() for w in words.split(",") if w.strip()))
            parsed.append((family, topic.strip(), terms))
    return tuple(parsed)
