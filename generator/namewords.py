"""Word lists for telling names from the capitalised words around them.

General English, written by hand (not drawn from any corpus): words that are capitalised only
because they open a sentence, stand before a name without being part of it, or abbreviate a
common noun. `generator/tags.py` uses them.
"""

from __future__ import annotations

import re

# Function words: never a name on their own, and never the first word of one.
FUNCTION_WORDS = frozenset(
    """
a about according after again against all also although among an and another any are as at
be because been before being both but by can could did do does during each either even ever
every few for from had has have he her here hers him his how however i if in including into
is it its just last later many me meanwhile more most much must my neither next no nor not
now of on once only or other our out over own per perhaps previously recently same several
she should since so some still such than that the their them then there these they this
those though through thus to today tomorrow too under unless until up upon us was we were
what when where whether which while who whom whose why will with within without would
yesterday yet you your
""".split()
)
# Before a surname they are a form of address, not part of the name ("Mr Kenteris").
HONORIFICS = frozenset("mr mrs ms miss dr sir lord lady dame baroness baron prof rev".split())
# Letters after a name: "Ruth Kelly MP", "Jason Gardener MBE".
POSTNOMINALS = frozenset("MP MEP MSP AM MBE OBE CBE KBE QC KC Jr Jnr Snr Sr PhD".split())
# Titles besides those a headline drops (`headline.TITLE_WORDS`): "Professor Raj Reddy".
EXTRA_TITLES = (
    "Professor|Prof|MP|MEP|MSP|Archbishop|Bishop|Cardinal|Pope|Sheikh|Ayatollah|Colonel|"
    "Lieutenant|Sergeant|Detective|Inspector|Superintendent|Commander|Admiral|Marshal|"
    "Brigadier|DJ|Officer|Gen|Lt|Col|Maj|Capt|Sgt|Cpl|Adm|Cmdr|Gov|Sen|Rep|Supt|Insp|Det"
)
# A date is not a tag; "Sundays" neither.
CALENDAR = frozenset(
    """
april august december february friday fridays january july june march may monday mondays
november october saturday saturdays september sunday sundays thursday thursdays tuesday
tuesdays wednesday wednesdays
""".split()
)
# Words that open a sentence before a name without belonging to it: "Defiant Matt Williams",
# "Past Congressional Budget Office forecasts", "Asked about it, Brown said". Adverbs in -ly
# are recognised by their ending (see `is_opener`).
OPENERS = frozenset(
    """
boss candidate prospective flanker prop hooker lock centre fly-half scrum-half full-back
champion founder host writer producer reporter correspondent editor chef designer lawyer
actor actress added adding admitting ago alleged alone along alongside already altogether
ambitious amid amidst amongst analyst analysts angry announcing anyway arguing around asked
author backed behind beleaguered below beside besides beyond billion born buoyed campaigner
campaigners celebrated children comedian commenting concerning confident confirming
considering consumers controversial criticised critics current customers defender defiant
dejected delighted departing describing despite disappointed disgraced dismayed distraught
doctors double dozens earlier early economist eight elderly eleven elsewhere embattled
emotional ex excluding experienced experts explaining facing famed famous fans fearing
fellow fifty figures firms first five flamboyant following former forty four frustrated
furious future given goalkeeper hence hoping hundred hundreds hurdler indeed inexperienced
influential injured insisting instead interim investors jailed jubilant judging late
legendary like likewise local looking maybe members midfielder million millions ministers
moreover nevertheless nine nonetheless notorious novice officials often one otherwise
outgoing outspoken overall parents past people plans players police popular presenter
previous prices profits prolific proud quoted rapper rather regarding renowned replying
reporting researchers residents respected responding retired retiring returning rival rivals
rookie sales saying scientists seasoned second senior seven shareholders shares shocked
singer six skipper sources speaking sprinter sprinters staff striker strikers struggling
students successful talented talking talks teenage teenager ten therefore third thirty
thousand thousands three together triple troubled twelve twenty two unbeaten unhappy unlike
unsettled upbeat users veteran viewers voters wealthy whereas whilst winger workers writing
young younger youngster
""".split()
)
_ADVERB = re.compile(r"[a-z]{2,}(?:ally|ously|ively|ently|antly|fully|lessly|ingly|edly|ately)")
# Acronyms that abbreviate a common noun ("a PVR", "VAT", "TV"): not the name of anything.
GENERIC_ACRONYMS = frozenset(
    """
CDMA DAB GPRS GSM HDMI HTML HTTP IP UMTS VHS WAP
3G ADSL AI AM ATM BST CCTV CD CEO CFO COO CPU DIY DJ DNA DSL DTT DVD DVR EST FAQ GDP GM GMT
GP GPS HD HDTV HQ ID IPO IQ ISP IT LAN LCD MBA MEP MMS MP MP3 MRI NGO OK P2P PC PDA PDF PHD
PIN PM PR PVR RAM RSS SIM SMS SUV TV UFO URL USB VAT VIP VOIP VPN WAN WIFI
""".split()
)
# Nouns that end the name of an organisation, place, event or award ("Bank of England",
# "Chamber of Deputies", "General Motors", "Premier League"). A person's name never ends in
# one, so after any other word "of" joins a name to its place ("Elene Likhotseva of Russia").
HEAD_NOUNS = frozenset(
    """
advisers advisors associates capital consultants consulting economics investments
management markets partners research securities
abbey airport bridge castle cathedral hospital library park prison square stadium station
street theatre
academy administration agency airlines airways alliance army assembly association authority
award awards bank battle bay board borough brotherhood bureau campaign cape center centre
chamber championship championships chronicle church city classic club coalition college
commission committee commonwealth company confederation conference congress convention
corporation council county court cup department district duchess duke earl electric
electronics emperor empress federation festival foods footballer fort forum foundation
friends fund gallery games gazette group guild gulf hall herald holdings house initiative
institute insurance island islands isle journal kingdom knights lake league man marathon
ministry motors mount museum network news office olympics open order organisation
organization palace parliament partnership party person personality pictures player port
post prince princess prix programme project province queen realm records region republic
river school sea secretary series service society sons sportsman sportswoman state states
studios summit systems times tour tower treaty tribune trophy trust union university woman
""".split()
)


# Countries that English news names several ways in one story: each form → one key.
COUNTRY_FORMS = {
    "UK": "UK",
    "Britain": "UK",
    "Great Britain": "UK",
    "United Kingdom": "UK",
    "US": "US",
    "USA": "US",
    "America": "US",
    "United States": "US",
    "United States of America": "US",
}


def is_opener(word: str) -> bool:
    """A word that, capitalised at the start of a sentence, is not the start of a name."""
    lower = word.lower()
    return lower in FUNCTION_WORDS or lower in OPENERS or bool(_ADVERB.fullmatch(lower))


# Adjectives of nationality, region and faith, and the nouns for their people ("Briton").
DEMONYMS = (
    "Afghan|African|Albanian|Algerian|American|Angolan|Arab|Arabic|Argentine|Argentinian|"
    "Armenian|Asian|Australian|Austrian|Azerbaijani|Bahraini|Balinese|Baltic|Bangladeshi|"
    "Belarusian|Belgian|Bolivian|Bosnian|Brazilian|British|Briton|Bulgarian|Burmese|"
    "Cambodian|Cameroonian|Canadian|Caribbean|Chechen|Chilean|Chinese|Colombian|Congolese|"
    "Cornish|Croatian|Cuban|Cypriot|Czech|Danish|Dane|Dutch|Ecuadorian|Egyptian|English|"
    "Eritrean|Estonian|Ethiopian|European|Fijian|Filipino|Finnish|Finn|Flemish|French|"
    "Georgian|German|Ghanaian|Greek|Guatemalan|Haitian|Hispanic|Honduran|Hungarian|"
    "Icelandic|Indian|Indonesian|Iranian|Iraqi|Irish|Israeli|Italian|Ivorian|Jamaican|"
    "Japanese|Jordanian|Kazakh|Kenyan|Korean|Kosovan|Kurdish|Kuwaiti|Kyrgyz|Lao|Latvian|"
    "Lebanese|Liberian|Libyan|Lithuanian|Macedonian|Malagasy|Malawian|Malaysian|Maltese|"
    "Mexican|Moldovan|Mongolian|Moroccan|Mozambican|Namibian|Nepalese|Nepali|Nicaraguan|"
    "Nigerian|Nordic|Norwegian|Omani|Pakistani|Palestinian|Panamanian|Paraguayan|Persian|"
    "Peruvian|Polish|Portuguese|Qatari|Romanian|Russian|Rwandan|Saudi|Scandinavian|Scot|"
    "Scots|Scottish|Senegalese|Serb|Serbian|Sierra Leonean|Singaporean|Slavic|Slovak|"
    "Slovakian|Slovenian|Somali|Spanish|Sri Lankan|Sudanese|Swede|Swedish|Swiss|Syrian|"
    "Taiwanese|Tajik|Tanzanian|Texan|Thai|Tibetan|Tunisian|Turkish|Turkmen|Ugandan|"
    "Ukrainian|Uruguayan|Uzbek|Venezuelan|Vietnamese|Welsh|Yemeni|Zambian|Zimbabwean|"
    "(?:English|French|Irish|Welsh|Dutch)(?:wo)?m[ae]n|"
    "Buddhist|Catholic|Hindu|Islamist|Jew|Jewish|Muslim|Protestant|Shia|Shiite|"
    "Sikh|Sunni|Kurd"
)
