"""Ideas in the browser, on a phone and a desktop, in Danish and English: the list and the
map with the same filters (and the map's list without JavaScript), proposing an idea that
is like another one and publishing it anyway, supporting, the comment thread (a comment,
a reply, a report), the moderation inbox and a staff answer, and the notification list
that tells the author. Every page: zero axe violations, no console, CSP or JavaScript
errors, nothing from other origins (no tile server is configured, as by default)."""

import importlib
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse
from playwright.sync_api import expect

from samskab.comments import services as comment_services
from samskab.ideas import services as idea_services
from samskab.ideas.models import AnswerStatus, Meaning
from samskab.moderation import services as moderation_services
from samskab.moderation.models import ModerationState, Report
from tests.browser.conftest import PHONE, assert_accessible, log_in
from tests.factories import (
    FocusAreaFactory,
    UserFactory,
    make_municipal_staff,
    propose_idea,
    town,
)

LIST = reverse("ideas:list")
MAP = reverse("ideas:map")
BENCHES = "Flere bænke langs åen i Ribe"
PLAYGROUND = "Legeplads ved stranden i Esbjerg"
GARDEN = "Fælles køkkenhave ved biblioteket i Ribe"

TEXT = {
    "da": {
        "prefix": "",
        "ideas": "Idéer",
        "count": "3 idéer",
        "town": "By",
        "all": "Alle",
        "show": "Vis idéer",
        "find": "Find idéer",
        "to_map": "Vis dem på et kort",
        "to_list": "Vis dem som liste",
        "map_heading": "Idéer på et kort",
        "shows_one": "Kortet viser 1 idé.",
        "shows_three": "Kortet viser 3 idéer.",
        "supporters": "1 støtter",
        "focus_area": "Fokusområde 0",
        "propose": "Foreslå en idé",
        "title": "Din idé i én sætning",
        "describe": "Beskriv din idé",
        "similar": "Måske har nogen haft samme idé",
        "publish": "Offentliggør idéen",
        "anyway": "Offentliggør min idé alligevel",
        "published": "Din idé er offentliggjort.",
        "support": "Støt idéen",
        "supported": "Du støtter denne idé.",
        "comments": "Kommentarer",
        "your_comment": "Din kommentar",
        "stance_for": "For",
        "post_comment": "Send kommentar",
        "comment_posted": "Din kommentar er sendt.",
        "reply": "Svar",
        "your_reply": "Dit svar",
        "post_reply": "Send svar",
        "report": "Anmeld",
        "spam": "Spam eller reklame",
        "send_report": "Send anmeldelsen",
        "reported": "Tak, fordi du sagde til.",
        "inbox": "Modereringsindbakke",
        "hide": "Skjul",
        "reason": "Begrundelse",
        "save_decision": "Gem afgørelsen",
        "decided": "1 indlæg afgjort.",
        "municipality_answer": "Kommunens svar",
        "answer_idea": "Svar på idéen",
        "status": "Status",
        "answer": "Svar",
        "department": "Ansvarlig afdeling",
        "accepted_if_help": "Accepteret, hvis borgere hjælper",
        "publish_answer": "Offentliggør svaret",
        "answered": "Svaret er offentliggjort, og forslagsstilleren har fået besked.",
        "notifications": "Notifikationer",
        "mark_read": "Markér alle som læst",
        "replied": "Niels Nabo har svaret på din kommentar",
    },
    "en": {
        "prefix": "/en",
        "ideas": "Ideas",
        "count": "3 ideas",
        "town": "Town",
        "all": "All",
        "show": "Show ideas",
        "find": "Find ideas",
        "to_map": "Show them on a map",
        "to_list": "Show them as a list",
        "map_heading": "Ideas on a map",
        "shows_one": "The map shows 1 idea.",
        "shows_three": "The map shows 3 ideas.",
        "supporters": "1 supporter",
        "focus_area": "Focus area 0",
        "propose": "Propose an idea",
        "title": "Your idea in one sentence",
        "describe": "Describe your idea",
        "similar": "Someone may have had the same idea",
        "publish": "Publish the idea",
        "anyway": "Publish my idea anyway",
        "published": "Your idea is published.",
        "support": "Support this idea",
        "supported": "You support this idea.",
        "comments": "Comments",
        "your_comment": "Your comment",
        "stance_for": "For",
        "post_comment": "Post comment",
        "comment_posted": "Your comment is posted.",
        "reply": "Reply",
        "your_reply": "Your reply",
        "post_reply": "Post reply",
        "report": "Report",
        "spam": "Spam or advertising",
        "send_report": "Send the report",
        "reported": "Thank you for telling us.",
        "inbox": "Moderation inbox",
        "hide": "Hide",
        "reason": "Reason",
        "save_decision": "Save the decision",
        "decided": "1 item decided.",
        "municipality_answer": "The municipality’s answer",
        "answer_idea": "Answer the idea",
        "status": "Status",
        "answer": "Answer",
        "department": "Responsible department",
        "accepted_if_help": "Accepted if citizens help",
        "publish_answer": "Publish the answer",
        "answered": "The answer is published and the author is told.",
        "notifications": "Notifications",
        "mark_read": "Mark all as read",
        "replied": "Niels Nabo replied to your comment",
    },
}


@pytest.fixture(params=["da", "en"])
def language(request):
    return request.param


@pytest.fixture
def text(language):
    return TEXT[language]


@pytest.fixture
def statuses(transactional_db):
    """The answer statuses the migrations make; the live server's database is emptied
    after every test, so they are made again."""
    if not AnswerStatus.objects.exists():
        migration = importlib.import_module(
            "samskab.ideas.migrations.0002_search_index_and_statuses"
        )
        migration.create_statuses(apps, None)


def has_published(user):
    """A citizen who has published before: their next post is not held for a first look."""
    propose_idea(author=user, title=f"Tidligere idé fra {user.display_name}")
    return user


@pytest.fixture
def ideas(statuses):
    """Three ideas with a place (one at a point, two in their town) and one without."""
    area = FocusAreaFactory(slug="faellesskab")
    ribe, esbjerg = town("ribe"), town("esbjerg")
    benches = propose_idea(
        title=BENCHES,
        text="Så ældre kan hvile sig på gåturen langs Ribe Å.",
        town=ribe,
        latitude=Decimal("55.32930"),
        longitude=Decimal("8.76010"),
        focus_areas=[area],
    )
    idea_services.support(idea=benches, user=UserFactory())
    propose_idea(title=PLAYGROUND, town=esbjerg, focus_areas=[area])
    propose_idea(title=GARDEN, town=ribe, focus_areas=[area])
    return {"benches": benches, "area": area}


def url(live_server, text, path, query=""):
    return f"{live_server.url}{text['prefix']}{path}{query}"


def result_titles(page):
    return page.locator(".ideas-card .card-heading")


def test_the_list_and_the_map_share_their_filters(page_at, live_server, ideas, viewport, text):
    page = page_at(viewport)
    page.goto(url(live_server, text, LIST))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["ideas"])
    expect(result_titles(page)).to_have_count(3)
    assert_accessible(page)

    search = page.get_by_role("search", name=text["find"])
    search.get_by_label(text["town"]).select_option("ribe")
    search.get_by_role("button", name=text["show"]).click()
    expect(page).to_have_url(re.compile(r"town=ribe"))
    expect(result_titles(page)).to_have_count(2)

    page.get_by_role("link", name=text["to_map"]).click()
    expect(page).to_have_url(re.compile(rf"{re.escape(MAP)}\?.*town=ribe"))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["map_heading"])
    markers = page.locator("#ideas-map .leaflet-marker-icon")
    expect(markers).to_have_count(2)
    # The list under the map is for pages without JavaScript; here the map stands for it.
    expect(page.locator(".samskab-map-fallback")).to_be_hidden()
    # The markers are buttons a keyboard reaches; Enter opens the popup with the link.
    markers.and_(page.get_by_role("button", name=BENCHES)).focus()
    page.keyboard.press("Enter")
    popup = page.locator(".leaflet-popup")
    expect(popup.get_by_role("link", name=BENCHES)).to_have_attribute(
        "href", text["prefix"] + ideas["benches"].get_absolute_url()
    )
    expect(popup).to_contain_text(text["supporters"])
    expect(popup).to_contain_text("Ribe")
    expect(popup).to_have_css("opacity", "1")
    assert_accessible(page)

    # The filters work on the map too: htmx brings new markers without a new page.
    search = page.get_by_role("search", name=text["find"])
    search.get_by_label(text["town"]).select_option("")
    search.get_by_role("button", name=text["show"]).click()
    expect(page.locator(".ideas-map-summary")).to_contain_text(text["shows_three"])
    expect(markers).to_have_count(3)
    expect(page).not_to_have_url(re.compile(r"town="))
    assert_accessible(page)

    # Back: the map of Ribe's ideas is drawn again from htmx's snapshot.
    page.go_back()
    expect(page).to_have_url(re.compile(r"town=ribe"))
    expect(markers).to_have_count(2)

    page.get_by_role("link", name=text["to_list"]).click()
    expect(page).to_have_url(re.compile(rf"{re.escape(LIST)}\?.*town=ribe"))
    expect(result_titles(page)).to_have_count(2)


def test_without_javascript_the_map_page_lists_its_ideas(page_at, live_server, ideas):
    page = page_at(PHONE, java_script_enabled=False)
    page.goto(url(live_server, TEXT["da"], MAP))

    expect(page.locator("#ideas-map")).to_be_hidden()
    fallback = page.locator(".samskab-map-fallback")
    expect(fallback.get_by_role("link")).to_have_count(3)
    expect(fallback.get_by_role("link", name=BENCHES)).to_have_attribute(
        "href", ideas["benches"].get_absolute_url()
    )
    expect(fallback).to_contain_text("1 støtter")


def test_proposing_an_idea_like_another_one_and_publishing_it_anyway(
    page_at, live_server, ideas, viewport, text
):
    citizen = has_published(UserFactory(display_name="Birte Borger"))
    page = page_at(viewport)
    log_in(page, live_server, citizen)
    page.goto(url(live_server, text, LIST))
    page.get_by_role("link", name=text["propose"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["propose"])
    assert_accessible(page)

    page.get_by_label(text["title"]).fill("Bænke langs åen, så alle kan holde pause")
    page.get_by_label(text["describe"]).fill("Flere steder at sidde på stien ved åen i Ribe.")
    area = ideas["area"]
    page.get_by_role("checkbox", name=area.title_en if text["prefix"] else area.title_da).check()
    page.get_by_role("button", name=text["publish"]).click()

    similar = page.get_by_role("region", name=text["similar"])
    expect(similar.get_by_role("link", name=BENCHES)).to_be_visible()
    # What was typed is kept.
    expect(page.get_by_label(text["title"])).to_have_value(
        "Bænke langs åen, så alle kan holde pause"
    )
    assert_accessible(page)

    page.get_by_role("button", name=text["anyway"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bænke langs åen, så alle kan holde pause"
    )
    expect(page.get_by_text(text["published"])).to_be_visible()
    assert_accessible(page)


def test_supporting_discussing_and_reporting_a_comment(page_at, live_server, ideas, viewport, text):
    idea = ideas["benches"]
    neighbour = has_published(UserFactory(display_name="Niels Nabo"))
    comment_services.post_comment(
        target=idea, author=neighbour, text="Køb nu bare nogle billige plastikstole."
    )
    citizen = has_published(UserFactory(display_name="Birte Borger"))
    page = page_at(viewport)
    log_in(page, live_server, citizen)
    page.goto(url(live_server, text, idea.get_absolute_url()))
    assert_accessible(page)

    page.get_by_role("button", name=text["support"]).click()
    expect(page.get_by_role("main")).to_contain_text(text["supported"])
    assert_accessible(page)

    thread = page.get_by_role("region", name=text["comments"])
    thread.get_by_label(text["your_comment"]).fill("God idé, især ved Sct. Catharinæ Kirke.")
    thread.get_by_role("radio", name=text["stance_for"], exact=True).check()
    thread.get_by_role("button", name=text["post_comment"]).click()
    expect(page.get_by_text(text["comment_posted"])).to_be_visible()
    thread = page.get_by_role("region", name=text["comments"])
    expect(thread).to_contain_text("God idé, især ved Sct. Catharinæ Kirke.")
    assert_accessible(page)

    # A reply to the neighbour's comment: htmx opens the form below it.
    neighbours = thread.locator("li").filter(has_text="plastikstole")
    neighbours.get_by_role("link", name=text["reply"], exact=True).first.click()
    reply = page.get_by_label(text["your_reply"])
    expect(reply).to_be_visible()
    assert_accessible(page)
    reply.fill("Hellere bænke af træ fra egnen.")
    page.get_by_role("button", name=text["post_reply"]).click()
    expect(page.get_by_text("Hellere bænke af træ fra egnen.")).to_be_visible()
    assert_accessible(page)

    # The neighbour's comment is reported.
    page.goto(url(live_server, text, idea.get_absolute_url()))
    thread = page.get_by_role("region", name=text["comments"])
    neighbours = thread.locator("article").filter(has_text="plastikstole")
    neighbours.get_by_role("link", name=text["report"], exact=True).click()
    expect(page.locator("blockquote")).to_contain_text("plastikstole")
    assert_accessible(page)
    page.get_by_role("radio", name=text["spam"]).check()
    page.get_by_role("button", name=text["send_report"]).click()
    expect(page.get_by_text(text["reported"])).to_be_visible()
    expect(page).to_have_url(re.compile(re.escape(idea.get_absolute_url())))
    assert_accessible(page)
    assert Report.objects.filter(reporter=citizen, reason="spam").count() == 1


def test_staff_decide_in_the_moderation_inbox_and_answer_an_idea(
    page_at, live_server, ideas, viewport, text
):
    idea = ideas["benches"]
    neighbour = has_published(UserFactory(display_name="Niels Nabo"))
    rude = comment_services.post_comment(
        target=idea, author=neighbour, text="Køb nu bare nogle billige plastikstole."
    )
    moderation_services.report(rude, reporter=UserFactory(), reason="spam")
    # A new citizen's first idea waits for a first look.
    propose_idea(title="Hundeskov i Gredstedbro", town=town("gredstedbro"), published=False)
    staff = make_municipal_staff(display_name="Susanne Sagsbehandler")
    page = page_at(viewport)
    log_in(page, live_server, staff)

    page.goto(url(live_server, text, reverse("moderation:inbox")))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["inbox"])
    waiting = page.get_by_role("table").get_by_role("row")
    expect(waiting.filter(has_text="Hundeskov i Gredstedbro")).to_have_count(1)
    assert_accessible(page)
    waiting.filter(has_text="plastikstole").get_by_role("checkbox").check()
    page.get_by_role("radio", name=text["hide"]).check()
    page.get_by_label(text["reason"]).fill("Reklame hører ikke hjemme i debatten.")
    page.get_by_role("button", name=text["save_decision"]).click()
    expect(page.get_by_text(text["decided"])).to_be_visible()
    assert_accessible(page)
    rude.refresh_from_db()
    assert rude.moderation_state == ModerationState.HIDDEN

    page.goto(url(live_server, text, idea.get_absolute_url()))
    page.get_by_role("link", name=text["answer_idea"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["answer_idea"])
    assert_accessible(page)
    page.get_by_label(text["status"]).select_option(label=text["accepted_if_help"])
    page.get_by_role("textbox", name=re.compile(rf"^{text['answer']}\b")).fill(
        "Vi sætter bænke op, hvis nogen vil hjælpe med at male dem."
    )
    page.get_by_label(text["department"]).fill("Teknik & Miljø")
    page.get_by_role("button", name=text["publish_answer"]).click()
    expect(page.get_by_text(text["answered"])).to_be_visible()
    answer = page.get_by_role("region", name=text["municipality_answer"])
    expect(answer).to_contain_text("male dem")
    expect(answer).to_contain_text(text["accepted_if_help"])
    assert_accessible(page)


def test_the_author_reads_what_happened_in_the_notification_list(
    page_at, live_server, ideas, viewport, text
):
    idea = ideas["benches"]
    author = idea.author
    # Notifications are written in the language their reader chose.
    author.preferred_language = "en" if text["prefix"] else "da"
    author.save(update_fields=["preferred_language"])
    mine = comment_services.post_comment(target=idea, author=author, text="Tak for støtten!")
    neighbour = has_published(UserFactory(display_name="Niels Nabo"))
    comment_services.post_comment(
        target=idea, author=neighbour, parent=mine, text="Selv tak, god idé."
    )
    staff = make_municipal_staff()
    idea_services.answer(
        idea=idea,
        by=staff,
        status=AnswerStatus.objects.get(meaning=Meaning.ACCEPTED_IF_HELP),
        text="Vi sætter bænke op, hvis nogen vil hjælpe med at male dem.",
    )
    page = page_at(viewport)
    log_in(page, live_server, author)

    page.goto(url(live_server, text, reverse("notifications:list")))
    expect(page.get_by_role("heading", level=1)).to_have_text(text["notifications"])
    items = page.locator(".notifications-item")
    # The answer, the neighbour's reply, and the news of a comment on the idea.
    expect(items).to_have_count(3)
    expect(items.filter(has_text=text["accepted_if_help"])).to_have_count(1)
    expect(items.filter(has_text=text["replied"])).to_have_count(1)
    expect(page.locator(".notifications-unread")).to_have_count(3)
    assert_accessible(page)

    page.get_by_role("button", name=text["mark_read"]).click()
    expect(page.locator(".notifications-unread")).to_have_count(0)
    expect(items).to_have_count(3)
    assert_accessible(page)

    items.filter(has_text=text["replied"]).get_by_role("link").click()
    expect(page.get_by_text("Selv tak, god idé.")).to_be_visible()
