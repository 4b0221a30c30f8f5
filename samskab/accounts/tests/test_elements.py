"""allauth builds some pages from "elements"; ours render them with DKFDS markup."""

from django.template import Context, Template, engines
from django.template.base import UNKNOWN_SOURCE, Origin
from django.utils import translation


def render(source, **context):
    # allauth's element tag needs the name of the template it is used in.
    origin = Origin(UNKNOWN_SOURCE, template_name="accounts/element_test.html")
    template = Template(
        "{% load allauth %}" + source, origin=origin, engine=engines["django"].engine
    )
    return template.render(Context(context))


def test_headings_and_paragraphs_are_plain_html():
    html = render(
        "{% element h1 %}Title{% endelement %}{% element h2 %}Part{% endelement %}"
        "{% element p %}Text{% endelement %}"
    )

    assert html.strip() == "<h1>Title</h1>\n<h2>Part</h2>\n<p>Text</p>"


def test_buttons_get_the_dkfds_variant_from_allauths_tags():
    html = render(
        '{% element button type="submit" %}Go{% endelement %}'
        '{% element button tags="outline,cancel" %}Back{% endelement %}'
        '{% element button href="/x/" tags="link" %}More{% endelement %}'
    )

    assert '<button type="submit" class="button button-primary">Go</button>' in html
    assert 'class="button button-secondary">Back</button>' in html
    assert '<a href="/x/" class="button button-tertiary">More</a>' in html


def test_alerts_use_the_project_alert():
    html = render(
        '{% element alert tags="error" %}{% slot message %}Oops{% endslot %}{% endelement %}'
    )

    assert 'class="alert alert-error alert--paragraph" role="alert"' in html
    assert "Oops" in html


def test_forms_disable_browser_validation_and_group_their_buttons():
    html = render(
        '{% element form method="post" action="/x/" %}'
        "{% slot body %}<input>{% endslot %}"
        '{% slot actions %}{% element button type="submit" %}Save{% endelement %}{% endslot %}'
        "{% endelement %}"
    )

    assert '<form method="post" action="/x/" novalidate>' in html
    assert '<div class="accounts-actions"><button type="submit"' in html


def test_radio_fields_have_dkfds_markup_and_a_label():
    html = render(
        '{% element field type="radio" id="r1" name="email" value="a@example.dk" checked=True %}'
        "{% slot label %}a@example.dk{% endslot %}{% endelement %}"
    )

    assert '<div class="form-group-radio">' in html
    assert 'class="form-radio" name="email" id="r1" value="a@example.dk" checked>' in html
    assert '<label class="form-label" for="r1">a@example.dk</label>' in html


def test_text_fields_show_errors_and_mark_optional_ones():
    with translation.override("da"):
        html = render(
            '{% element field type="email" id="e" name="email" errors=errors %}'
            "{% slot label %}Email{% endslot %}{% endelement %}",
            errors=["Enter a valid email address."],
        )

    assert '<div class="form-group form-error">' in html
    assert "(valgfri)" in html
    assert 'aria-describedby="e_error" aria-invalid="true"' in html
    assert "Enter a valid email address." in html


def test_details_and_panels_use_dkfds_components():
    html = render(
        "{% element details open=True %}{% slot summary %}More{% endslot %}"
        "{% slot body %}Hidden{% endslot %}{% endelement %}"
        "{% element panel %}{% slot title %}Box{% endslot %}{% slot body %}Inside{% endslot %}"
        "{% endelement %}"
    )

    assert '<details class="details" open>' in html
    assert '<summary class="details-summary"><span class="details-summary-text">More' in html
    assert '<section class="card mb-5">' in html
    assert '<h2 class="card-heading h3">Box</h2>' in html


def test_tables_are_dkfds_tables():
    html = render(
        "{% element table %}{% element thead %}{% element tr %}{% element th %}A{% endelement %}"
        "{% endelement %}{% endelement %}{% endelement %}"
    )

    assert '<table class="table table--zebra"><thead><tr><th scope="col">A</th>' in html
