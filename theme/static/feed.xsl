<?xml version="1.0" encoding="UTF-8"?>
<!-- Shows an RSS or Atom feed as a readable page when someone opens it in a browser. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="UTF-8" indent="yes"
      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <xsl:variable name="title" select="rss/channel/title | atom:feed/atom:title"/>
    <xsl:variable name="home"
        select="rss/channel/link | atom:feed/atom:link[@rel='alternate']/@href"/>
    <xsl:variable name="self"
        select="rss/channel/atom:link[@rel='self']/@href | atom:feed/atom:link[@rel='self']/@href"/>
    <html lang="en">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="$title"/> (feed)</title>
        <style>
          body { margin: 0 auto; max-width: 42rem; padding: 1rem; color: #1a1a1a;
                 background: #fdfdfb; font: 1.05rem/1.6 Charter, Georgia, serif; }
          @media (prefers-color-scheme: dark) { body { color: #ececec; background: #121212; }
                 a { color: #ececec; } .about { background: #1f2937; } }
          .about { background: #eef2f7; padding: 0.75rem 1rem; border-radius: 0.5rem;
                   font: 0.95rem/1.5 system-ui, sans-serif; }
          code { word-break: break-all; }
          li { margin: 0 0 1rem; }
          time { display: block; font: 0.85rem system-ui, sans-serif; color: #5a5a5a; }
        </style>
      </head>
      <body>
        <main>
          <section class="about" aria-label="About this feed">
            <p><strong>This is a web feed.</strong> Subscribe by copying its address into a
              feed reader (such as NetNewsWire, Feedly, Inoreader or Thunderbird) to get new
              stories as they are published.</p>
            <p>Feed address: <code><xsl:value-of select="$self"/></code></p>
          </section>
          <h1><xsl:value-of select="$title"/></h1>
          <p><a href="{$home}">Visit the website</a></p>
          <ul>
            <xsl:apply-templates select="rss/channel/item | atom:feed/atom:entry"/>
          </ul>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <a href="{link}"><xsl:value-of select="title"/></a>
      <time><xsl:value-of select="pubDate"/></time>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <a href="{atom:link[@rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a>
      <time><xsl:value-of select="substring(atom:published, 1, 10)"/></time>
    </li>
  </xsl:template>
</xsl:stylesheet>
