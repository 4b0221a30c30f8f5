"""python manage.py generate_data --scale small|esbjerg|tenfold|national [--seed N] [--yes]"""

from django.core.management.base import BaseCommand, CommandError

from samskab.demo import generator


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic organisations, activities, sessions, users and "
        "sign-ups, volunteering (volunteer profiles, opportunities, shifts with sign-ups "
        "and hours, needs) and ideas (supports, comments with replies, answers) for "
        "benchmarks (esbjerg: 1,500 organisations, 10,000 activities, 100,000 sessions, "
        "1,000,000 sign-ups, 5,000 opportunities, 50,000 shifts, 500 needs, 5,000 ideas, "
        "200,000 supports, 50,000 comments). Never run it against a real site."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(generator.SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same data.")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="Confirm the national scale (about 60 million rows; hours and many GB).",
        )

    def handle(self, *args, scale, seed, yes, **options):
        if scale == "national" and not yes:
            raise CommandError(
                "The national scale writes about 50 million sign-ups and 2.5 million shifts "
                "(hours and tens of GB). Add --yes if you really mean it."
            )
        if generator.generated_data_exists():
            raise CommandError(
                "This database already has generated data (organisations whose slug starts "
                f"with '{generator.GENERATED_SLUG_PREFIX}'). Use a fresh database to generate "
                "again."
            )
        try:
            counts = generator.generate(
                scale=generator.SCALES[scale], seed=seed, write=self.stdout.write
            )
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Generated {summary}."))
