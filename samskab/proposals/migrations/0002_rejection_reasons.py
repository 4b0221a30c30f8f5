"""The reasons a proposal can be rejected for at the formal check, which staff may rename
and add to in the administration."""

from django.db import migrations

REASONS = [
    (
        "uden-for-kommunens-omraade",
        "Uden for kommunens område",
        "Outside the municipality's remit",
        "Byrådet kan ikke beslutte det: det hører under staten, regionen eller andre.",
        "The city council cannot decide it: it belongs to the state, the region or others.",
    ),
    (
        "i-strid-med-loven",
        "I strid med loven",
        "Against the law",
        "Forslaget kan ikke gennemføres lovligt.",
        "The proposal cannot be carried out lawfully.",
    ),
    (
        "enkeltsag",
        "Handler om en enkeltsag eller en bestemt person",
        "Concerns a single case or a particular person",
        "Sager om enkelte personer behandles ikke som borgerforslag.",
        "Cases about individual people are not handled as citizen proposals.",
    ),
    (
        "findes-allerede",
        "Et tilsvarende forslag samler allerede underskrifter",
        "A similar proposal is already collecting signatures",
        "Skriv hellere under på det, så underskrifterne ikke deles.",
        "Please sign that one instead, so the signatures are not split.",
    ),
    (
        "uklart",
        "Uklart, hvad byrådet skal beslutte",
        "Unclear what the city council should decide",
        "Skriv forslaget om, så det siger, hvad der skal besluttes, og indsend det igen.",
        "Rewrite the proposal so it says what should be decided, and submit it again.",
    ),
    (
        "kraenkende",
        "Krænkende eller diskriminerende indhold",
        "Offensive or discriminatory content",
        "",
        "",
    ),
]


def create_reasons(apps, schema_editor):
    RejectionReason = apps.get_model("proposals", "RejectionReason")
    for order, (slug, danish, english, explanation_da, explanation_en) in enumerate(REASONS):
        RejectionReason.objects.get_or_create(
            slug=slug,
            defaults={
                "name": danish,
                "name_da": danish,
                "name_en": english,
                "explanation": explanation_da,
                "explanation_da": explanation_da,
                "explanation_en": explanation_en,
                "order": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("proposals", "0001_initial")]

    operations = [migrations.RunPython(create_reasons, migrations.RunPython.noop)]
