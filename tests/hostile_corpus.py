"""A corpus whose every field tries to run code in whoever reads the reports.

Each payload sits in ordinary news sentences (quotes, figures, dates, claims
of the sample codebook) so that every extractor and every report table
carries it: headlines, bodies, outlets, wires, URLs, quotes, speakers.
"""

from __future__ import annotations

import csv
from pathlib import Path

SCRIPT = "<script>alert(1)</script>"
IMG_ONERROR = "<img src=x onerror=alert(1)>"
JS_LINK = '<a href="javascript:alert(1)">click here</a>'
MD_IMAGE = "![x](http://evil.example/x.png)"
MD_LINK = "[click](javascript:alert(1))"
TEXTAREA = "</textarea><script>alert(2)</script>"
COMMENT = "--><script>alert(3)</script><!--"
IFRAME = '<iframe src="http://evil.example/frame"></iframe>'
STYLE = "<style>body{background:url(http://evil.example/bg.png)}</style>"
SVG = "<svg onload=alert(4)>"
META_REFRESH = '<meta http-equiv="refresh" content="0;url=http://evil.example/">'
BASE = '<base href="http://evil.example/">'
CDATA = "]]><script>alert(5)</script>"
TEMPLATE = "{{ 7*7 }} {% raw %} ${7*7} #{7*7}"
MATHTEXT = r"$\alert{1}$ and $x^$"  # matplotlib would parse $...$ as mathtext

PAYLOADS = (SCRIPT, IMG_ONERROR, JS_LINK, MD_IMAGE, MD_LINK, TEXTAREA, COMMENT, IFRAME, STYLE,
            SVG, META_REFRESH, BASE, CDATA, TEMPLATE, MATHTEXT)

ARTICLES = [
    {
        "article_id": "hostile-1",
        "outlet": f"{SCRIPT} News",
        "published": "2024-05-30",
        "wire": "AFP",
        "url": "javascript:alert(1)",
        "headline": f"Pentagon says Russia fired North Korean missiles {IMG_ONERROR}",
        "body": [
            f'Russia has fired North Korean ballistic missiles at Ukraine, the Pentagon said on Wednesday. "{SCRIPT}," '
            f"a spokesman told reporters in Washington.",
            f"Debris recovered in Kharkiv matched the KN-23, officials said {JS_LINK}. About 1,200 people were "
            f"evacuated on May 29, 2024.",
            f"North Korea denied sending weapons to Russia {MD_IMAGE} and called the report {MD_LINK} a fabrication.",
            f"According to the Defense Intelligence Agency {TEXTAREA}, at least 40 missiles were launched since "
            f"January.",
        ],
    },
    {
        "article_id": "hostile-2",
        "outlet": f"Evil {MATHTEXT} Times",
        "published": "2024-05-31",
        "wire": f"{COMMENT}",
        "url": "http://evil.example/story",
        "headline": f"Kyiv says debris matched North Korean missiles {COMMENT}",
        "body": [
            f'Ukrainian prosecutors said debris from the attack on Kharkiv matched North Korean KN-23 missiles. '
            f'"{IFRAME} We found the parts," said prosecutor {SVG} Dmytro Chubenko.',
            f"Russia used about 50 North Korean missiles in Ukraine, roughly $100 million of weapons, "
            f"the officials said {STYLE}.",
            f"Pyongyang sent 6,700 containers of munitions to Russia, according to South Korea {META_REFRESH}.",
            f"The shipments violate U.N. Security Council sanctions, officials said on Friday {BASE}.",
        ],
    },
    {
        "article_id": f"hostile-3-{SCRIPT}",
        "outlet": f"Agency {TEXTAREA}",
        "published": "2024-06-01",
        "wire": "",
        "url": f"https://example.org/?q={SCRIPT}",
        "headline": f"{MD_IMAGE} Russia may have used North Korean missiles {TEMPLATE}",
        "body": [
            f"Russia may have used North Korean ballistic missiles in Ukraine, experts said {CDATA}.",
            f'"Russia fired North Korean missiles at Ukraine," the Pentagon said on Wednesday {TEMPLATE}.',
            f"North Korea denied sending weapons to Russia, calling the claims {MATHTEXT} absurd.",
            f"Between 20 and 30 missiles were fired between January 2 and February 6, 2024 {SCRIPT}.",
        ],
    },
]


def write_hostile_corpus(folder: Path) -> Path:
    """Write the hostile articles and their manifest into ``folder``; return it."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for i, art in enumerate(ARTICLES):
        name = f"article_{i}.txt"
        (folder / name).write_text(art["headline"] + "\n\n" + "\n\n".join(art["body"]) + "\n", encoding="utf-8")
        rows.append({"article_id": art["article_id"], "file": name, "outlet": art["outlet"],
                     "published": art["published"], "url": art["url"], "language": "en", "wire": art["wire"]})
    with (folder / "manifest.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    # the articles are on the sample topic: the corpus carries the sample codebook, as seeds/ does
    from analysis.claims.codebook import SAMPLE_CODEBOOK

    (folder / "codebook.yaml").write_text(SAMPLE_CODEBOOK.read_text(encoding="utf-8"), encoding="utf-8")
    return folder
