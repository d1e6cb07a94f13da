"""Page furniture out before analysis: widgets, related links, tags, bylines, captions and
timestamps, in the layouts of several kinds of news sites (texts written for these tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from frontlines.errors import KnowledgeBaseError
from frontlines.ingest import iter_documents
from frontlines.ingest.furniture import Furniture, strip_furniture

PROSE = ("Government forces shelled the village of Kafr Nabl on Monday, killing four civilians, "
         "local activists said. Rescue teams were still searching the rubble on Tuesday.")


def test_furniture_wire_widgets_topic_related_and_tags_go() -> None:
    text = ("14.03.2018(updated 09:12 14.03.2018) Get short URL 112 " + PROSE + " ... 17 "
            "Topic Fighting in Northern Syria (87) Related Army Pushes Into Rebel Pocket Near "
            "Hama Three Killed as Car Bomb Hits Market in Border Town Tags Syria Hama Idlib "
            "Community standardsDiscussion Comment via FacebookComment via Example News")
    out = strip_furniture(text)
    assert out.startswith("Government forces shelled")
    assert "Rescue teams were still searching the rubble on Tuesday." in out
    for gone in ("short URL", "Topic", "Car Bomb", "Rebel Pocket", "Tags", "Comment via"):
        assert gone not in out


@pytest.mark.parametrize("byline", [
    "Posted on 9 September 2019 by Staff Writer",
    "Posted on Sep 9, 2019 at 7:40 am by News Desk",
    "Published on Monday, 9th September 2019 by newsroom",
    "Posted on 09.09.2019 by admin",
    "Posted by Rania Saleh on September 9, 2019",
    "Submitted by webmaster on 09/09/2019 - 07:40",
    "World News\nWritten on 9 Sep 2019 by Kareem Nour",
])
def test_furniture_site_bylines_with_dates_go(byline: str) -> None:
    out = strip_furniture(byline + "\n" + PROSE)
    assert out.split("\n")[-1].strip().startswith("Government forces shelled")
    for gone in ("Posted", "Published", "Submitted", "Written", "by "):
        assert gone not in out.split("Government forces")[0]
    # prose that tells who posted something keeps it
    text = ("A group calling itself the Northern Lions said the clip was posted by Ahmad "
            "Rami on 9 September 2019 and showed the attack on the checkpoint.")
    assert strip_furniture(text) == text


def test_furniture_agency_stamp_and_a_dateline_after_the_standfirst_go() -> None:
    assert strip_furniture("AFP Sunday 8 Sep 2019 " + PROSE).startswith("Government forces")
    standfirst = "Four civilians died in the shelling of a northern village. "
    for dateline in ("IDLIB (Levant Wire) ", "MAARET AL-NUMAN, Syria (Levant Wire) — "):
        out = strip_furniture(standfirst + dateline + PROSE)
        assert out == standfirst + PROSE


def test_furniture_bylines_reporting_lines_and_timestamps_go() -> None:
    text = ("Posted on March 14 2018 by Jane Roe Army Shells Village in Idlib " + PROSE +
            " Reporting by John Doe; Editing by Mary Major Our Standards:The Thomson Reuters "
            "Trust Principles.")
    out = strip_furniture(text)
    assert out.startswith("Government forces shelled")
    assert "Jane Roe" not in out and "John Doe" not in out and "Standards" not in out
    dated = strip_furniture("Date of publication 14 March 2018 " + PROSE + " Read more")
    assert dated.startswith("Government forces") and "Read more" not in dated
    update = strip_furniture(PROSE + " Last Update: Wednesday 14 March 2018 KSA 15:55 - GMT 12:55")
    assert update.rstrip().endswith("on Tuesday.")


def test_furniture_photo_credits_and_captions_go() -> None:
    caption = ("A man walks past a destroyed building in Kafr Nabl on March 12 2018. "
               "(Example World and Agencies) ")
    out = strip_furniture(caption + PROSE)
    assert out.startswith("Government forces") and "destroyed building" not in out
    slash = strip_furniture("Children sit in a shelter in Douma March 2 2018. "
                            "REUTERS/Omar Sanadiki " + PROSE)
    assert slash.startswith("Government forces") and "shelter" not in slash
    credit = strip_furniture(PROSE + " AP Photo Hassan Ammar Army Says It Repelled Attack on "
                             "Airbase - Officials According to the governor the power station "
                             "was hit.")
    assert "Airbase" not in credit and "Hassan" not in credit
    assert credit.rstrip().endswith("According to the governor the power station was hit.")


def test_furniture_headline_repeat_and_repeated_lead_are_kept_once() -> None:
    title = "Four civilians killed in shelling on Kafr Nabl"
    lead = "Four civilians were killed when government forces shelled Kafr Nabl on Monday."
    body = ("Mon Mar 12 2018 " + title + ". " + lead + " " + lead + " " + PROSE + " " + PROSE)
    out = strip_furniture(body, title)
    assert out.count(lead) == 1
    assert not out.startswith("Mon Mar 12")
    assert out.count("Rescue teams") == 1


def test_furniture_prose_that_looks_like_furniture_stays() -> None:
    text = ("Officials said the attack was related to the dispute over the crossing. The "
            "tags on the crates showed they came from a depot, a photo of which was shared by "
            "activists. " + PROSE)
    assert strip_furniture(text) == text


def test_furniture_in_a_scraped_jsonl_dump(tmp_path: Path) -> None:
    row = {"title": "Shelling kills four in Kafr Nabl", "outlet": "Example Agency",
           "published": "2018-03-14",
           "text": "Get short URL " + PROSE + " Related Army Advances Near Hama Tags Syria Idlib"}
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (doc,) = list(iter_documents([path]))
    assert not isinstance(doc, Exception)
    assert doc.text.startswith("Government forces") and "Related" not in doc.text
    assert "Hama" not in doc.text


def test_furniture_rules_file_errors_are_clear(tmp_path: Path) -> None:
    bad = tmp_path / "furniture.yaml"
    bad.write_text("rules:\n  - {name: x, regex: '(', until: match}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="malformed"):
        Furniture.load(bad)
    bad.write_text("rules:\n  - {name: x, regex: 'a', until: somewhere}\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="until"):
        Furniture.load(bad)


def test_furniture_captions_that_say_they_are_go() -> None:
    # a credit in brackets closes a caption left without its full stop; a caption that says
    # it is one ("in this file photo taken on ...", "A picture taken on ... shows") goes whole
    cases = {
        "Children sit beside a burnt bus in Ghazni on June 9 2018 (Photo AFP) Officials said "
        "30 people were killed in a blast overnight in the city.":
            "Officials said 30 people were killed in a blast overnight in the city.",
        "A picture taken on May 3 2015 shows smoke rising above the old city of Sanaa. Jets "
        "struck the airport on Sunday, officials said.":
            "Jets struck the airport on Sunday, officials said.",
        "Houthi fighters patrol a street in Sanaa in this file photo taken on March 2 2017. The "
        "coalition bombed a bridge near Hodeidah on Tuesday.":
            "The coalition bombed a bridge near Hodeidah on Tuesday.",
        "Soldiers fire mortars near Kismayo (File photo) Al-Shabaab fighters attacked a base "
        "near Kismayo on Monday.": "Al-Shabaab fighters attacked a base near Kismayo on Monday.",
        "(Photo Smoke rises after an air strike on the old city of Mosul on June 20 2017.) Iraqi "
        "forces advanced into the old city on Friday.":
            "Iraqi forces advanced into the old city on Friday.",
    }
    for text, kept in cases.items():
        assert strip_furniture(text) == kept
    # prose that mentions a photo or a video stays
    for prose in ("The army shelled the village on Monday, a photo shows. Smoke rose over it.",
                  "Police said the video shows the gunmen firing at the crowd in Lagos."):
        assert strip_furniture(prose) == prose


def test_furniture_footer_lists_tags_run_in_urls_and_share_widgets_go() -> None:
    footer = (" Source Example World and agencies Related News Harbour strike | Oil talks | "
              "Markets Gunmen kill nine soldiers near Gao Follow us on Instagram. Subscribe to "
              "our channel. Copyright 2019 Example World. About us Contact Privacy Policy")
    out = strip_furniture(PROSE + footer)
    assert "Rescue teams were still searching the rubble on Tuesday." in out
    for gone in ("Gunmen kill", "Related", "Copyright", "Privacy", "Instagram"):
        assert gone not in out
    run_in = ("Jets bombed Maarat al-Numan on Monday, a monitor said Tags Syria Idlib Airstrike "
              "Assad Four civilians were killed in the raid.")
    out = strip_furniture(run_in)
    assert "Tags" not in out and "Four civilians were killed in the raid." in out
    closing = strip_furniture(PROSE + " Tags blockade shelling Idlib Syria")
    assert closing.endswith("Rescue teams were still searching the rubble on Tuesday.")
    widgets = ("SEND httpsexam.pl/xK3 AA Photo " + PROSE + " pic.twitter.comAbC123 [Click to "
               "enlarge] Updated with detail throughout")
    out = strip_furniture(widgets)
    assert out.startswith("Government forces shelled")
    for gone in ("SEND", "http", "Photo", "pic.twitter", "enlarge", "Updated"):
        assert gone not in out
    printed = strip_furniture("Reuters Friday 3 Mar 2017 Print Tweet Views 1442 " + PROSE)
    assert "Print" not in printed and "Views" not in printed and "Kafr Nabl" in printed
    named = strip_furniture(PROSE + " Related Gunmen Attack Checkpoint in Deir ez-Zor Killing "
                                    "Four Shells Hit Market in Deir ez-Zor Tags Syria")
    assert "Shells Hit" not in named and "Rescue teams" in named


def test_furniture_other_story_headline_before_a_dateline_goes() -> None:
    wire = ("Gunmen killed four police officers at a checkpoint in Zamfara on Monday, officials "
            "said. Photo Desk Jane Roe Troops Kill 30 Bandits in Katsina Raid - Reports ABUJA "
            "(Example News) The attack on the checkpoint began at dawn, a police spokesman said.")
    out = strip_furniture(wire)
    assert "Katsina" not in out and "Jane Roe" not in out and "ABUJA" not in out
    assert "The attack on the checkpoint began at dawn" in out
    agency = ("Shells hit a school in Donetsk on Friday, the mayor said. AFP 2019 JOHN DOE "
              "Separatists Seize Two Villages Near Mariupol KYIV (Example Agency) The school was "
              "empty at the time.")
    out = strip_furniture(agency)
    assert "Seize Two Villages" not in out and "The school was empty at the time." in out
    # a dateline after a plain sentence keeps the sentence and the story it opens
    plain = strip_furniture("Police closed the road. BAGHDAD (Example News) - Iraqi forces "
                            "said on Monday they retook a village.")
    assert plain.startswith("Police closed the road.") and "Iraqi forces said" in plain


@pytest.mark.parametrize("title", [
    "Gunmen kill four police in Zamfara officials - Africa - News - Example Online",
    "Gunmen kill four police in Zamfara officials | Example Times",
])
def test_furniture_headline_with_site_suffix_repeated_before_the_body_goes(title: str) -> None:
    body = (" Gunmen killed four police officers at a checkpoint in Zamfara on Monday, officials "
            "said. The state governor ordered an inquiry and the road stayed closed on Tuesday "
            "while soldiers searched the nearby forest for the attackers.")
    out = strip_furniture("Gunmen kill four police in Zamfara officials AFP Monday 3 May 2021"
                          + body, title=title)
    assert out.startswith("Gunmen killed four police officers")
    assert "Gunmen kill four" not in out and "AFP" not in out


def test_furniture_embedded_video_titles_and_posts_go() -> None:
    video = ("Troops shelled the camp on Monday. Correspondent Jane Roe has the latest. Army "
             "shells refugee camp near Juba Jane Roe reports - YouTube Aid agencies said the camp "
             "held 9000 people.")
    out = strip_furniture(video)
    assert "YouTube" not in out and "Army shells refugee camp" not in out
    assert out.startswith("Troops shelled the camp on Monday.")
    assert "Aid agencies said the camp held 9000 people." in out
    # a post's last sentence and its signature (author, handle, date), closed or not
    for end in (". ", " "):
        post = ("Aid agencies said the camp held 9000 people. Four killed and dozens hurt after "
                f"shells hit the camp at dawn{end}Relief Group (ReliefGroupHQ) March 3 2021 "
                "Aid agencies called for calm on Tuesday.")
        out = strip_furniture(post)
        assert "Four killed" not in out and "ReliefGroupHQ" not in out
        assert out == ("Aid agencies said the camp held 9000 people. Aid agencies called for "
                       "calm on Tuesday.")
    # prose that names a person and a date keeps them
    prose = strip_furniture("Rebels said. The envoy Maria Lopez (UN) arrived on March 3 2021 "
                            "in the capital.")
    assert "Maria Lopez" in prose


def test_furniture_a_section_heading_glued_to_its_paragraph_goes() -> None:
    lead = "Medics pulled two bodies from a collapsed shop in the old market on Sunday. "
    for heading, body in [
            ("Heavy shelling ", "According to the district council rockets hit the bakery."),
            ("Convoy turned back at Hama ", "Meanwhile in the south talks stalled."),
            ("Aid workers detained ", "The relief agency said three staff were held."),
            ("Rebels advance ", "Elsewhere militia fighters withdrew from two hills.")]:
        out = strip_furniture(lead + heading + body)
        assert out == lead + body, out


def test_furniture_a_heading_of_names_stays_as_the_paragraphs_place() -> None:
    lead = "Two farmers were hurt by a mine near the river on Friday. "
    for heading in ("Tartus ", "Raqqa Countryside "):
        out = strip_furniture(lead + heading + "In a related incident a truck hit a mine.")
        assert out == lead + heading.strip() + ". In a related incident a truck hit a mine."


@pytest.mark.parametrize("text", [
    # who said what, when, or a name that opens with a follower is no heading
    "The mayor spoke to reporters. He added The council will meet again.",
    "The mayor spoke to reporters. Last week The regional monitor counted nine dead.",
    "The mayor spoke to reporters. March 2015 The first convoy reached the town.",
    "The mayor spoke to reporters. A spokesman for The Relief Fund said supplies ran out.",
    # a headline in Title Case that runs on is not cut in half
    "The mayor spoke to reporters. Rebel Fighters Capture Several Villages Near Border Town",
])
def test_furniture_prose_after_a_sentence_is_no_heading(text: str) -> None:
    assert strip_furniture(text) == text


def test_furniture_a_credited_caption_glued_to_the_next_sentence_goes() -> None:
    lead = "The blast was heard across the port on Tuesday. "
    for credit in ("REUTERS Lina Haddad ", "AP Photo Omar Nasser "):
        text = (lead + credit + "A boy walks past a burnt bus in the main square of the old "
                "town Rescuers were still at work. Nobody claimed it.")
        out = strip_furniture(text)
        assert out == lead + "Rescuers were still at work. Nobody claimed it."
    # a lede after the credit, with its own full stop, stays
    text = (lead + "REUTERS Lina Haddad A boy was killed in the main square on Monday, the "
            "council said. Nobody claimed the attack.")
    assert strip_furniture(text) == lead + text[len(lead) + len("REUTERS Lina Haddad "):]


def test_furniture_related_headlines_glued_before_the_lede_go() -> None:
    title = "Rocket fire kills 6 in port town monitor"
    body = ("Rocket fire killed six people in the port town of Banias on Friday a monitor said. "
            "The rockets hit a fish market.")
    for related in ("Car bomb hits checkpoint near border crossing officials ",
                    "Minister says aims to reopen road to the north Drone downed over lake "):
        assert strip_furniture(related + body, title=title) == body
    # a lede that opens with its own words before the title's stays whole
    lede = "In fresh attacks rocket fire killed six people in the port on Friday. More fell."
    assert strip_furniture(lede, title=title) == lede
    assert strip_furniture(body, title=title) == body
