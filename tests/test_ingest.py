"""Ingest: readers, article splitting, metadata, bad input and idempotency."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from frontlines.errors import InputError
from frontlines.ingest import documents_from_text, iter_documents
from frontlines.ingest.metadata import date_in_text, detect_language, parse_date
from frontlines.ingest.split import split_articles
from frontlines.model import Document

TWO_ARTICLES = """Army Retakes Hill Overlooking Town

DAMASCUS (SANA)- Army units took control of a strategic hill near the town after clashes with militants on Monday, a military source said.

The source added that engineering units were clearing the area of mines.

Ceasefire Holds in Southern Province

AMMAN (Petra)- A ceasefire brokered by Russia and the United States held for a third day on Tuesday, officials in the Jordanian capital said.
"""

ENGLISH = ("Syrian government forces shelled the town of Kafr Nabl in southern Idlib on Monday, "
           "killing two civilians, according to local rescue workers.")


def _docs(items: list[Document | InputError]) -> list[Document]:
    return [i for i in items if isinstance(i, Document)]


def _errors(items: list[Document | InputError]) -> list[InputError]:
    return [i for i in items if isinstance(i, InputError)]


def test_split_articles_headline_and_dateline_make_two_articles() -> None:
    articles = split_articles(TWO_ARTICLES)
    assert [a.title for a in articles] == ["Army Retakes Hill Overlooking Town",
                                          "Ceasefire Holds in Southern Province"]
    assert [a.filed_from for a in articles] == ["Damascus", "Amman"]
    assert [a.outlet for a in articles] == ["SANA", "Petra"]
    assert articles[0].text[articles[0].body_offset:].startswith("Army units took control")


def test_split_articles_reuters_style_dateline_with_region() -> None:
    (article,) = split_articles("DAMASCUS, Syria (Reuters) - Shelling hit the suburb of Douma.")
    assert article.filed_from == "Damascus"
    assert article.outlet == "Reuters"
    assert article.text[article.body_offset:] == "Shelling hit the suburb of Douma."


def test_split_articles_text_without_dateline_is_one_article() -> None:
    (article,) = split_articles("Clashes in the north\n\nFighting broke out near the border.")
    assert article.title == "Clashes in the north"
    assert article.filed_from is None


def test_ingest_seed_gives_two_documents_filed_from_tehran(seed_path: Path) -> None:
    docs = _docs(list(iter_documents([seed_path], published=date(2017, 7, 21))))
    assert len(docs) == 2
    assert all(d.outlet == "FNA" and d.filed_from == "Tehran" for d in docs)
    assert all(d.published == date(2017, 7, 21) and d.published_source == "caller" for d in docs)
    assert docs[0].title.startswith("Ahrar Al-Sham Retreating from Idlib")
    assert "TEHRAN" not in docs[0].text[docs[0].body_offset:]


def test_ingest_published_comes_from_caller_then_metadata_then_text(tmp_path: Path) -> None:
    lines = [
        {"text": ENGLISH, "published": "2019-05-02"},
        {"text": "Wed 05 Apr 2017 " + ENGLISH.replace("Monday", "Tuesday")},
        {"text": ENGLISH.replace("Monday", "Friday")},
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    docs = _docs(list(iter_documents([path])))
    assert [(d.published, d.published_source) for d in docs] == [
        (date(2019, 5, 2), "metadata"), (date(2017, 4, 5), "text"), (None, "unknown")]
    forced = _docs(list(iter_documents([path], published=date(2020, 1, 1))))
    assert {d.published for d in forced} == {date(2020, 1, 1)}


def test_ingest_jsonl_dateline_opening_the_body_is_out_of_the_lead(tmp_path: Path) -> None:
    """A scraper's entry (title and body, never split into articles) whose body opens with a
    dateline, behind a blog byline or not, or flattened to a city in capitals with no dash or
    outlet: the dateline's city is where the report was filed, and the lead
    sentence the model reads starts after it. An acronym in capitals is no dateline."""
    body = ("Militants fired rockets at an army post near the village of Qarqur on Sunday, "
            "wounding two soldiers, a local official said.")
    lines = [
        {"title": "Rockets hit post", "text": "KASSAB (Levant Wire) — " + body},
        {"title": "Rockets hit post", "text": "ZARQA, Jordan, Sept 9 (Gulf Daily) - " + body},
        {"title": "Rockets hit post", "text": "Posted on 9 September 2019 by newsroom\n"
                                              "TARTOUS — " + body},
        {"title": "Rockets hit post", "text": "SALQIN " + body},
        {"title": "Rockets hit post", "text": "NATO " + body},
        {"title": "Rockets hit post", "text": "U.N. " + body},
        {"title": "Rockets hit post", "text": body},
    ]
    path = tmp_path / "dump.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    docs = _docs(list(iter_documents([path])))
    assert [d.filed_from for d in docs] == ["Kassab", "Zarqa", "Tartous", "Salqin", None, None,
                                          None]
    assert all(d.text[d.body_offset:] == body for d in docs[:4])
    assert docs[4].text[docs[4].body_offset:].startswith("NATO Militants")
    assert docs[0].outlet == "Levant Wire"


def test_ingest_jsonl_bad_line_is_reported_and_the_rest_read(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"text": ENGLISH, "title": "T", "url": "https://x.example/1",
                                "outlet": "Example"}) + "\n{not json\n"
                    + json.dumps({"title": "no text"}) + "\n", encoding="utf-8")
    items = list(iter_documents([path]))
    (doc,) = _docs(items)
    assert (doc.title, doc.url, doc.outlet) == ("T", "https://x.example/1", "Example")
    errors = _errors(items)
    assert [e.line for e in errors] == [2, 3]
    assert "invalid JSON" in errors[0].reason


def test_ingest_html_extracts_main_text_and_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Shelling in Idlib | Example News</title>"
        '<meta property="og:title" content="Shelling in Idlib">'
        '<meta name="date" content="2019-06-03"></head><body>'
        "<nav>Home | World | Sport</nav><article><h1>Shelling in Idlib</h1>"
        f"<p>{ENGLISH}</p><p>{ENGLISH.replace('two', 'three')}</p></article>"
        "<footer>Copyright Example News</footer></body></html>", encoding="utf-8")
    (doc,) = _docs(list(iter_documents([path])))
    assert "Kafr Nabl" in doc.text
    assert "Copyright" not in doc.text and "Home | World" not in doc.text
    assert doc.published == date(2019, 6, 3)


def test_ingest_rss_feed_gives_one_document_per_entry(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    items = "".join(
        f"<item><title>Report {n}</title><link>https://news.example/{n}</link>"
        f"<pubDate>Mon, 0{n} Jul 2019 10:00:00 GMT</pubDate>"
        f"<description>{ENGLISH.replace('two', str(n + 2))}</description></item>"
        for n in (1, 2)
    )
    path.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example Feed'
                    f"</title>{items}</channel></rss>", encoding="utf-8")
    docs = _docs(list(iter_documents([path])))
    assert [d.title for d in docs] == ["Report 1", "Report 2"]
    assert [d.published for d in docs] == [date(2019, 7, 1), date(2019, 7, 2)]
    assert {d.outlet for d in docs} == {"Example Feed"}


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"   \n\n  ", "no article text"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
        ("latin1.txt", ENGLISH.replace("Kafr", "K\xe4fr").encode("latin-1"), "not valid UTF-8"),
        ("arabic.txt", ("قصفت القوات الحكومية بلدة كفرنبل في ريف إدلب الجنوبي يوم الاثنين " * 3)
         .encode(), "not English"),
        ("french.txt", ("Les forces gouvernementales ont bombardé la ville de Kafr Nabl dans le "
                        "sud de la province d'Idleb lundi, selon des secouristes locaux. " * 2)
         .encode(), "not English"),
        ("broken.xml", b'<?xml version="1.0"?><rss><channel><item><title>x</tit', "feed does not"),
        ("garbage.html", b"<html><body><div><<<>>>  </div></body>", "no article text"),
    ],
)
def test_ingest_bad_file_gets_one_clear_error(tmp_path: Path, name: str, content: bytes,
                                             reason: str) -> None:
    bad = tmp_path / name
    bad.write_bytes(content)
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    items = list(iter_documents([bad, good]))
    (error,) = _errors(items)
    assert error.path == str(bad)
    assert reason in error.reason
    assert len(_docs(items)) == 1  # the rest of the batch is still read


def test_ingest_oversize_file_is_refused_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fp:  # sparse file: reading it whole would take 2 GB
        fp.seek(2 * 1024**3)
        fp.write(b"x")
    (error,) = list(iter_documents([big], max_bytes=1024))
    assert isinstance(error, InputError)
    assert "over the 1,024-byte limit" in error.reason


def test_ingest_missing_path_is_an_error(tmp_path: Path) -> None:
    (error,) = list(iter_documents([tmp_path / "nope.txt"]))
    assert isinstance(error, InputError) and "no such file" in error.reason


def test_ingest_directories_are_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "a" / "b" / "two.txt").write_text(ENGLISH.replace("two", "four"), encoding="utf-8")
    assert len(_docs(list(iter_documents([tmp_path])))) == 2


def test_document_identity_ignores_whitespace_and_quote_style() -> None:
    (a,) = _docs(documents_from_text("Fighters  seized the town’s  hill on Monday, officials "
                                     "said, after a week of clashes."))
    (b,) = _docs(documents_from_text("Fighters seized the town's hill on Monday, officials said,"
                                     "\nafter a week of clashes."))
    assert a.id == b.id and a.content_hash == b.content_hash


def test_metadata_dates_in_common_formats() -> None:
    assert parse_date("2017-07-21T10:00:00Z") == date(2017, 7, 21)
    assert parse_date("Fri, 21 Jul 2017 10:00:00 +0000") == date(2017, 7, 21)
    assert parse_date("July 21, 2017") == date(2017, 7, 21)
    assert parse_date("4/19/2017") == date(2017, 4, 19)
    assert parse_date("not a date") is None
    assert date_in_text("Sun 16 Apr 2017 Death toll from Aleppo bomb") == date(2017, 4, 16)


def test_language_check_accepts_english_and_names_other_scripts() -> None:
    assert detect_language(ENGLISH)[0] == "en"
    assert detect_language("Вооружённые силы заняли город после боёв " * 3)[0] == "cyrillic"


def test_ingest_estimate_counts_jsonl_lines_and_other_files(tmp_path: Path) -> None:
    from frontlines.ingest import estimate_articles

    (tmp_path / "dump.jsonl").write_text("\n".join(json.dumps({"text": ENGLISH}) for _ in range(5))
                                         + "\n\n", encoding="utf-8")
    (tmp_path / "one.txt").write_text(ENGLISH, encoding="utf-8")
    assert estimate_articles([tmp_path]) == 6


@pytest.mark.parametrize(("body", "day"), [
    ("Published March 9 2018 " + ENGLISH, date(2018, 3, 9)),
    ("Date of publication 9 March 2018 " + ENGLISH, date(2018, 3, 9)),
    ("Shelling hits Kafr Nabl AP Friday 9 Mar 2018 " + ENGLISH, date(2018, 3, 9)),
    ("9 Mar 2018 " + ENGLISH, date(2018, 3, 9)),
    # a date in the prose, or a weekday that is not the date's, is no header: metadata stands
    (ENGLISH.replace("on Monday", "on 9 March 2018"), date(2018, 9, 3)),
    ("Shelling hits Kafr Nabl AP Monday 9 Mar 2018 " + ENGLISH, date(2018, 9, 3)),
])
def test_ingest_a_date_in_the_page_header_overrides_a_scrapers_date(
        tmp_path: Path, body: str, day: date) -> None:
    """A scraper's date (here with day and month swapped) gives way to the date the page's own
    header states; the report's weekdays count from that one."""
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps({"title": "Shelling hits Kafr Nabl", "text": body,
                                "published": "2018-09-03"}), encoding="utf-8")
    docs = _docs(list(iter_documents([path])))
    assert [d.published for d in docs] == [day]
