"""Saved web pages for tests and the HTML benchmark: article text in realistic chrome.

:func:`make_page` wraps a headline and paragraphs the way news sites do:
metadata in ``<head>`` (Open Graph, JSON-LD, canonical link), a cookie
banner, a navigation menu, a byline with the date, a share bar, an inline
"Read more" box, a newsletter sign-up, related stories, comments and a
footer.  :data:`CHROME_SNIPPETS` are the visible chrome texts, so a test can
check none of them reached the body.
"""

from __future__ import annotations

import html as _html
import json

CHROME_SNIPPETS = (
    "We use cookies to improve your experience",
    "Home", "World", "Business", "Technology", "Sport",
    "Share this article",
    "Read more: Markets rally as inflation cools",
    "Sign up for our morning briefing newsletter",
    "Related stories",
    "Union talks resume next week",
    "Comments (2)",
    "Great reporting, thanks!",
    "Contact us", "Terms of use", "All rights reserved",
)


def make_page(headline: str, paragraphs: list[str], *, date: str = "2024-03-05",
              site: str = "Example Daily", url: str = "https://news.example.org/a/1",
              author: str = "Jo Writer") -> str:
    """Return the HTML of one saved article page (see the module docstring)."""
    e = _html.escape
    body = "\n".join(f"      <p>{e(p)}</p>" for p in paragraphs)
    if len(paragraphs) > 2:  # an inline promo between paragraphs, as sites insert them
        half = body.split("\n")
        mid = len(half) // 2
        half.insert(mid, '      <aside class="read-more"><a href="/b/2">Read more: Markets rally '
                         'as inflation cools</a></aside>')
        body = "\n".join(half)
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
                     "datePublished": f"{date}T08:00:00Z", "author": {"@type": "Person", "name": author},
                     "publisher": {"@type": "Organization", "name": site}})
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{e(headline)} | {e(site)}</title>
  <meta property="og:title" content="{e(headline)}">
  <meta property="og:site_name" content="{e(site)}">
  <meta property="og:url" content="{e(url)}">
  <meta property="article:published_time" content="{date}T08:00:00Z">
  <link rel="canonical" href="{e(url)}">
  <script type="application/ld+json">{ld}</script>
  <style>body {{ font-family: sans-serif }}</style>
  <script>window.dataLayer = [];</script>
</head>
<body>
  <div class="cookie-banner"><p>We use cookies to improve your experience. <button>Accept</button></p></div>
  <header>
    <a class="logo" href="/">{e(site)}</a>
    <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
      <li><a href="/business">Business</a></li><li><a href="/tech">Technology</a></li>
      <li><a href="/sport">Sport</a></li></ul></nav>
  </header>
  <main>
    <article>
      <h1>{e(headline)}</h1>
      <div class="byline">By {e(author)} · <time datetime="{date}">{date}</time></div>
      <div class="share"><span>Share this article</span> <a href="#">Facebook</a> <a href="#">X</a></div>
{body}
    </article>
    <section class="newsletter"><p>Sign up for our morning briefing newsletter</p></section>
    <section class="related"><h2>Related stories</h2>
      <ul><li><a href="/c/3">Union talks resume next week</a></li>
      <li><a href="/c/4">Port strike enters third day</a></li></ul></section>
    <section class="comments"><h3>Comments (2)</h3>
      <div class="comment"><p>Great reporting, thanks!</p></div>
      <div class="comment"><p>I disagree with the premise.</p></div></section>
  </main>
  <footer><ul><li><a href="/contact">Contact us</a></li><li><a href="/terms">Terms of use</a></li></ul>
    <p>© 2024 {e(site)}. All rights reserved.</p></footer>
</body>
</html>
"""
