"""{% scroll_region %}: the site's one wrapper for a table that scrolls sideways on a phone."""

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation


def render(source: str, **context) -> str:
    return Template("{% load core_tags %}" + source).render(Context(context))


def test_a_label_names_the_focusable_region_and_is_escaped():
    html = render(
        "{% scroll_region label=caption %}<table></table>{% endscroll_region %}",
        caption='Timer & "roller"',
    )

    assert html == (
        '<div class="table--responsive-scroll" tabindex="0" role="region"'
        ' aria-label="Timer &amp; &quot;roller&quot;"><table></table></div>'
    )


def test_labelledby_names_it_by_an_element_of_the_page():
    html = render('{% scroll_region labelledby="roster" %}<table></table>{% endscroll_region %}')

    assert ' aria-labelledby="roster"><table></table></div>' in html
    assert "aria-label=" not in html


def test_a_translated_label():
    with translation.override("da"):
        html = render('{% scroll_region label=_("Language") %}{% endscroll_region %}')

    assert 'aria-label="Sprog"' in html


@pytest.mark.parametrize(
    "arguments",
    ["", 'label="a" labelledby="b"', '"a"', 'title="a"', 'label="a" "b"'],
)
def test_it_takes_exactly_one_name(arguments):
    with pytest.raises(TemplateSyntaxError, match="exactly one"):
        render(f"{{% scroll_region {arguments} %}}{{% endscroll_region %}}")
