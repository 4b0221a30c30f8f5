"""Demo content: Esbjerg Kommune's Vision 2025 – Velfærd, its ambitions, five focus areas,
initiatives with sub-initiatives, milestones and result stories, in Danish and English.

Facts come from the municipality's public vision page and the product brief; the wording
is our own. The figures in the result stories are the ones the brief gives; which year a
story is filed under is illustrative where the sources do not say. Loading is idempotent:
every row is found by a stable key (slugs; a milestone by initiative and date; a story by
focus area, year and order) and updated in place, so running it again changes nothing.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from samskab.vision.models import (
    Ambition,
    Colour,
    FocusArea,
    Icon,
    Initiative,
    InitiativeStatus,
    Milestone,
    ResultStory,
    Vision,
)
from samskab.vision.services import recompute_all_progress

VISION_SLUG = "vision-2025-velfaerd"

HEALTH_AND_CARE = ("Sundhed & Omsorg", "Health & Care")
CHILDREN_AND_CULTURE = ("Børn & Kultur", "Children & Culture")
TECHNICAL_AND_ENVIRONMENT = ("Teknik & Miljø", "Technical Services & Environment")
SOCIAL_AND_LABOUR = ("Social & Arbejdsmarked", "Social Services & Employment")
CITIZEN_SERVICE = ("Borgerservice & Digitalisering", "Citizen Services & Digitalisation")
CITY_DEVELOPMENT = ("Byudvikling", "Urban Development")

STATUSES = [
    {
        "slug": "planlagt",
        "name": ("Planlagt", "Planned"),
        "description": (
            "Indsatsen er besluttet, men arbejdet er ikke gået i gang endnu.",
            "The initiative has been decided, but work has not started yet.",
        ),
        "default_progress": 0,
    },
    {
        "slug": "igangsat",
        "name": ("Igangsat", "Started"),
        "description": (
            "De første skridt er taget.",
            "The first steps have been taken.",
        ),
        "default_progress": 25,
    },
    {
        "slug": "i-fuld-gang",
        "name": ("I fuld gang", "Well under way"),
        "description": (
            "Arbejdet kører, og de første resultater kan ses.",
            "Work is running and the first results can be seen.",
        ),
        "default_progress": 60,
    },
    {
        "slug": "naesten-faerdig",
        "name": ("Næsten færdig", "Nearly done"),
        "description": (
            "Det meste er på plads; de sidste dele mangler.",
            "Most of it is in place; the last parts remain.",
        ),
        "default_progress": 85,
    },
    {
        "slug": "gennemfoert",
        "name": ("Gennemført", "Completed"),
        "description": (
            "Indsatsen er gennemført og er nu en del af hverdagen.",
            "The initiative is complete and now part of everyday work.",
        ),
        "default_progress": 100,
    },
]

VISION = {
    "title": ("Vision 2025 – Velfærd", "Vision 2025 – Welfare"),
    "tagline": ("Energi til det gode liv", "Energy for the good life"),
    "introduction": (
        "I juni 2019 vedtog byrådet Vision 2025 for Esbjerg Kommune. Velfærdsdelen handler om "
        "det gode hverdagsliv: at man kan regne med kommunen, at ingen står alene, og at alle "
        "kan være med til at forme det sted, vi bor.\n\n"
        "Visionen går igen i fem indsatsområder. Under hvert af dem arbejder kommunen sammen "
        "med borgere, foreninger og virksomheder på konkrete initiativer.",
        "In June 2019 the city council adopted Vision 2025 for Esbjerg Kommune. Its welfare "
        "part is about a good everyday life: being able to count on the municipality, nobody "
        "being left alone, and everyone having a say in shaping the place we live.\n\n"
        "The vision runs through five focus areas. In each of them the municipality works "
        "with citizens, associations and businesses on concrete initiatives.",
    ),
    # Only the month is known and only the month is shown on the site.
    "adopted_on": datetime.date(2019, 6, 1),
}

AMBITIONS = [
    {
        "slug": "hverdagslivet",
        "title": ("Hverdagslivet", "Everyday life"),
        "text": (
            "Et trygt hverdagsliv begynder med, at man kan stole på, at kommunens service "
            "virker. Når det grundlæggende er i orden, er der overskud til at udvikle sig. Og "
            "de mest sårbare skal kunne regne med et tæt sikkerhedsnet.",
            "A secure everyday life begins with trusting that the municipality's services "
            "work. When the basics are in place, there is energy to grow. And the most "
            "vulnerable must be able to rely on a close-knit safety net.",
        ),
    },
    {
        "slug": "inddragelse-og-indflydelse",
        "title": ("Inddragelse og indflydelse", "Involvement and influence"),
        "text": (
            "Vi vil skabe de bedste vilkår for samskabelse, hvor borgere, foreninger og kommune "
            "arbejder sammen som ligeværdige parter. Frivillige skal få meget igen, selv om de "
            "ikke får løn – og det skal være let at engagere sig og give en hånd med.",
            "We want the best conditions for co-creation, where citizens, associations and the "
            "municipality work together as equals. Volunteers should get a lot back even though "
            "they are unpaid – and it should be easy to get involved and lend a hand.",
        ),
    },
    {
        "slug": "smartere-loesninger",
        "title": ("Smartere løsninger", "Smarter solutions"),
        "text": (
            "Vi leder efter nye og klogere måder at løse opgaverne på og bruger teknologien, "
            "hvor den hjælper. Målet er, at mange får glæde af kommunens tilbud, og at velfærd "
            "og økonomi hænger sammen.",
            "We look for new and wiser ways of doing the work and use technology where it "
            "helps. The aim is that many people benefit from what the municipality offers, and "
            "that welfare and finances stay in balance.",
        ),
    },
]

# Each initiative: slug, title, description, department, status, and optionally progress
# (a leaf's own figure), weight, dates, milestones and children (sub-initiatives).
FOCUS_AREAS = [
    {
        "slug": "energi-i-hverdagslivet",
        "title": ("Energi i hverdagslivet", "Energy in everyday life"),
        "summary": (
            "En kommune i udvikling, hvor nye borgere føler sig velkomne, og hvor børn og "
            "voksne har gode muligheder for leg, læring og fritid.",
            "A growing municipality where newcomers feel welcome, and where children and "
            "adults have good opportunities to play, learn and enjoy their free time.",
        ),
        "body": (
            "Hverdagen skal give energi. Derfor arbejder vi for byer, der udvikler sig og "
            "tiltrækker flere borgere, for en god modtagelse af dem, der flytter hertil fra "
            "resten af Danmark og fra udlandet, og for fritidstilbud til alle aldre.\n\n"
            "Skolen er en stor del af hverdagen for mange familier. Ambitionen er et skolevæsen, "
            "der hører til blandt de bedste i landet.",
            "Everyday life should give energy. That is why we work for towns that develop and "
            "attract more residents, for a good welcome to people moving here from the rest of "
            "Denmark and from abroad, and for leisure activities for every age.\n\n"
            "School is a big part of everyday life for many families. The ambition is a school "
            "system that ranks among the best in the country.",
        ),
        "colour": Colour.BLUE,
        "icon": Icon.HOME,
        "initiatives": [
            {
                "slug": "byudvikling-og-flere-borgere",
                "title": ("Byudvikling og flere borgere", "Urban development and more residents"),
                "description": (
                    "Vi udvikler byerne, så flere får lyst til at bo her, og tager godt imod "
                    "dem, der flytter til.",
                    "We develop our towns so more people want to live here, and we give those "
                    "who move here a good welcome.",
                ),
                "department": CITY_DEVELOPMENT,
                "status": "i-fuld-gang",
                "start_date": datetime.date(2019, 9, 1),
                "end_date": datetime.date(2025, 12, 31),
                "children": [
                    {
                        "slug": "velkomst-til-tilflyttere",
                        "title": ("Velkomst til tilflyttere", "Welcoming people who move here"),
                        "description": (
                            "Nye borgere fra resten af landet får et samlet overblik over "
                            "kommunens tilbud og bliver inviteret til velkomstarrangementer.",
                            "New residents from the rest of the country get one overview of "
                            "the municipality's services and are invited to welcome events.",
                        ),
                        "department": CITIZEN_SERVICE,
                        "status": "naesten-faerdig",
                        "weight": 1,
                        "milestones": [
                            (
                                datetime.date(2020, 3, 1),
                                ("Første velkomstmøde", "First welcome meeting"),
                                (
                                    "Nye borgere mødte kommunen og lokale foreninger.",
                                    "New residents met the municipality and local associations.",
                                ),
                                True,
                            ),
                            (
                                datetime.date(2025, 10, 1),
                                ("Samlet velkomstside", "One welcome page"),
                                (
                                    "Al information til nye borgere samles ét sted.",
                                    "All information for new residents gathered in one place.",
                                ),
                                False,
                            ),
                        ],
                    },
                    {
                        "slug": "international-velkomst",
                        "title": ("International velkomst", "International welcome"),
                        "description": (
                            "Tilflyttere fra udlandet og deres familier får hjælp på engelsk "
                            "og en vej ind i lokale fællesskaber.",
                            "People moving here from abroad and their families get help in "
                            "English and a way into local communities.",
                        ),
                        "department": CITIZEN_SERVICE,
                        "status": "i-fuld-gang",
                        "weight": 2,
                    },
                ],
            },
            {
                "slug": "leg-laering-og-kreativitet",
                "title": ("Leg, læring og kreativitet", "Play, learning and creativity"),
                "description": (
                    "Fritidstilbud for alle aldre, der vækker nysgerrighed og lyst til at skabe.",
                    "Leisure activities for all ages that spark curiosity and the wish to create.",
                ),
                "department": CHILDREN_AND_CULTURE,
                "status": "i-fuld-gang",
                "progress": 55,
                "start_date": datetime.date(2020, 1, 1),
            },
            {
                "slug": "danmarks-bedste-skolevaesen",
                "title": ("Danmarks bedste skolevæsen", "The best school system in Denmark"),
                "description": (
                    "Skoler, hvor alle børn lærer så meget, de kan, og trives med det.",
                    "Schools where every child learns as much as they can and thrives.",
                ),
                "department": CHILDREN_AND_CULTURE,
                "status": "igangsat",
                "start_date": datetime.date(2019, 8, 1),
                "end_date": datetime.date(2025, 6, 30),
            },
        ],
        "stories": [
            {
                "year": 2024,
                "headline": (
                    "Fritidstilbud for alle aldre samlet ét sted",
                    "Leisure activities for all ages in one place",
                ),
                "text": (
                    "Kommunens og foreningernes fritidstilbud til børn, unge og voksne kan nu "
                    "findes samlet, så det er lettere at vælge.",
                    "The leisure activities of the municipality and associations for children, "
                    "young people and adults can now be found together, making it easier to "
                    "choose.",
                ),
                "initiative": "leg-laering-og-kreativitet",
            },
        ],
    },
    {
        "slug": "livskvalitet-og-sundhed",
        "title": ("Livskvalitet og sundhed", "Quality of life and health"),
        "summary": (
            "Livsglæde og trivsel med fokus på både den fysiske og den mentale sundhed.",
            "Joy of life and well-being, caring for both physical and mental health.",
        ),
        "body": (
            "Sundhed handler om mere end at undgå sygdom. Vi vil forebygge, så flere er fysisk "
            "aktive, færre ryger og færre er stressede. Grønne omgivelser skal invitere til "
            "ophold og bevægelse, og ansvaret for sundheden deler vi.\n\n"
            "Digitale velfærdsløsninger udvikler og afprøver vi sammen med borgerne, så de "
            "giver bedre service. Esbjerg blev som den første kommune i Danmark udnævnt til "
            "seniorvenlig kommune.",
            "Health is about more than avoiding illness. We want to prevent, so more people "
            "are physically active, fewer smoke and fewer are stressed. Green surroundings "
            "should invite people to stay and move, and responsibility for health is shared.\n\n"
            "We develop and test digital welfare solutions together with citizens, so they "
            "give better service. Esbjerg was the first municipality in Denmark to be named "
            "senior-friendly.",
        ),
        "colour": Colour.GREEN,
        "icon": Icon.ACCESSIBILITY,
        "initiatives": [
            {
                "slug": "forebyggelse",
                "title": ("Forebyggelse", "Prevention"),
                "description": (
                    "Tre spor, der tilsammen skal give flere gode leveår.",
                    "Three strands that together should add more healthy years.",
                ),
                "department": HEALTH_AND_CARE,
                "status": "i-fuld-gang",
                "start_date": datetime.date(2019, 10, 1),
                "children": [
                    {
                        "slug": "mere-fysisk-aktivitet",
                        "title": ("Mere fysisk aktivitet", "More physical activity"),
                        "description": (
                            "Flere skal bevæge sig i hverdagen – på arbejdet, i foreningen og "
                            "i naturen.",
                            "More people should move in everyday life – at work, in their "
                            "club and outdoors.",
                        ),
                        "department": HEALTH_AND_CARE,
                        "status": "i-fuld-gang",
                        "progress": 70,
                        "weight": 2,
                    },
                    {
                        "slug": "faerre-rygere",
                        "title": ("Færre rygere", "Fewer smokers"),
                        "description": (
                            "Gratis hjælp til rygestop og røgfri miljøer, hvor børn og unge "
                            "færdes.",
                            "Free help to quit smoking and smoke-free places where children "
                            "and young people spend time.",
                        ),
                        "department": HEALTH_AND_CARE,
                        "status": "naesten-faerdig",
                        "weight": 1,
                    },
                    {
                        "slug": "mindre-stress",
                        "title": ("Mindre stress", "Less stress"),
                        "description": (
                            "Kurser og samtaler, der hjælper borgere med at håndtere stress.",
                            "Courses and conversations that help citizens cope with stress.",
                        ),
                        "department": HEALTH_AND_CARE,
                        "status": "igangsat",
                        "weight": 1,
                        "milestones": [
                            (
                                datetime.date(2023, 2, 1),
                                ("Første stresskursus", "First stress course"),
                                (
                                    "Det første hold borgere gennemførte kurset.",
                                    "The first group of citizens completed the course.",
                                ),
                                True,
                            ),
                            (
                                datetime.date(2026, 1, 15),
                                ("Tilbud i alle lokalområder", "Courses in every local area"),
                                ("", ""),
                                False,
                            ),
                        ],
                    },
                ],
            },
            {
                "slug": "trivsel-i-groenne-omgivelser",
                "title": ("Trivsel i grønne omgivelser", "Well-being in green surroundings"),
                "description": (
                    "Parker, stier og grønne områder, der gør det rart at være ude.",
                    "Parks, paths and green spaces that make it pleasant to be outdoors.",
                ),
                "department": TECHNICAL_AND_ENVIRONMENT,
                "status": "i-fuld-gang",
            },
            {
                "slug": "faelles-ansvar-for-sundhed",
                "title": ("Fælles ansvar for sundhed", "Shared responsibility for health"),
                "description": (
                    "Borgere, pårørende, foreninger og kommune tager ansvar sammen.",
                    "Citizens, carers, associations and the municipality take responsibility "
                    "together.",
                ),
                "department": HEALTH_AND_CARE,
                "status": "i-fuld-gang",
                "children": [
                    {
                        "slug": "paaroerendevejleder",
                        "title": ("Pårørendevejleder", "Carers' advisor"),
                        "description": (
                            "En fast vejleder støtter borgere, der passer på en syg eller "
                            "svækket nærtstående.",
                            "A dedicated advisor supports citizens who look after a relative "
                            "who is ill or frail.",
                        ),
                        "department": HEALTH_AND_CARE,
                        "status": "gennemfoert",
                        "start_date": datetime.date(2020, 1, 1),
                        "end_date": datetime.date(2023, 12, 31),
                        "milestones": [
                            (
                                datetime.date(2020, 1, 1),
                                ("Vejlederen begynder", "The advisor starts"),
                                (
                                    "Pårørendevejlederen startede som et forsøg.",
                                    "The carers' advisor started as a trial.",
                                ),
                                True,
                            ),
                            (
                                datetime.date(2023, 12, 31),
                                ("Gjort permanent", "Made permanent"),
                                (
                                    "Efter gode erfaringer blev stillingen permanent.",
                                    "After good experience the post was made permanent.",
                                ),
                                True,
                            ),
                        ],
                    },
                    {
                        "slug": "sundhed-i-foreningslivet",
                        "title": ("Sundhed i foreningslivet", "Health in local clubs"),
                        "description": (
                            "Foreninger får hjælp til at invitere borgere med, som ellers ikke "
                            "kommer af sted.",
                            "Associations get help to invite citizens who would otherwise not "
                            "take part.",
                        ),
                        "department": HEALTH_AND_CARE,
                        "status": "igangsat",
                    },
                ],
            },
            {
                "slug": "digital-velfaerd",
                "title": ("Digital velfærd med borgerne", "Digital welfare with citizens"),
                "description": (
                    "Ny velfærdsteknologi udvikles og afprøves sammen med de borgere, der skal "
                    "bruge den.",
                    "New welfare technology is developed and tested together with the "
                    "citizens who will use it.",
                ),
                "department": CITIZEN_SERVICE,
                "status": "igangsat",
                "progress": 35,
            },
            {
                "slug": "seniorvenlig-kommune",
                "title": ("Seniorvenlig kommune", "Senior-friendly municipality"),
                "description": (
                    "Ældre borgere er med til at gøre kommunen til et godt sted at blive ældre.",
                    "Older citizens help make the municipality a good place to grow older.",
                ),
                "department": HEALTH_AND_CARE,
                "status": "gennemfoert",
            },
        ],
        "stories": [
            {
                "year": 2023,
                "headline": (
                    "Pårørendevejlederen er kommet for at blive",
                    "The carers' advisor is here to stay",
                ),
                "text": (
                    "Omkring 600 pårørende har fået råd og støtte. Derfor er ordningen nu "
                    "gjort permanent.",
                    "About 600 carers have received advice and support, so the scheme has now "
                    "been made permanent.",
                ),
                "figure": Decimal(600),
                "unit": ("pårørende har fået hjælp", "carers helped"),
                "initiative": "paaroerendevejleder",
            },
            {
                "year": 2021,
                "headline": (
                    "Danmarks første seniorvenlige kommune",
                    "Denmark's first senior-friendly municipality",
                ),
                "text": (
                    "Esbjerg blev som den første kommune i landet udnævnt til seniorvenlig. "
                    "Ældre borgere var med til at pege på, hvad der skulle forbedres.",
                    "Esbjerg was the first municipality in the country to be named "
                    "senior-friendly. Older citizens helped point out what needed to improve.",
                ),
                "initiative": "seniorvenlig-kommune",
            },
        ],
    },
    {
        "slug": "kulturlivet-i-by-og-natur",
        "title": ("Kulturlivet i by og natur", "Culture in town and nature"),
        "summary": (
            "Et mangfoldigt kulturliv drevet af ildsjæle, levende lokalsamfund og natur, der er "
            "let at finde og komme ud i.",
            "A varied cultural life driven by local enthusiasts, lively local communities, and "
            "nature that is easy to find and get out into.",
        ),
        "body": (
            "Kulturen lever, når lokale ildsjæle får opbakning. Vi støtter dem, der skaber "
            "oplevelser for andre, og arbejder sammen med borgere, lokalråd og foreninger om liv "
            "i byer og landsbyer.\n\n"
            "Naturen er tæt på overalt i kommunen. Det skal være let at få overblik over, hvor "
            "man kan komme ud og opleve den.",
            "Culture thrives when local enthusiasts are backed. We support those who create "
            "experiences for others, and we work with citizens, local councils and associations "
            "on life in towns and villages.\n\n"
            "Nature is close everywhere in the municipality. It should be easy to get an "
            "overview of where to go out and enjoy it.",
        ),
        "colour": Colour.PURPLE,
        "icon": Icon.PALETTE,
        "initiatives": [
            {
                "slug": "stoette-til-ildsjaele",
                "title": ("Støtte til ildsjæle", "Support for local enthusiasts"),
                "description": (
                    "Rådgivning, lokaler og små puljer til dem, der skaber kulturoplevelser.",
                    "Advice, rooms and small grants for people who create cultural experiences.",
                ),
                "department": CHILDREN_AND_CULTURE,
                "status": "i-fuld-gang",
            },
            {
                "slug": "liv-i-lokalsamfundene",
                "title": ("Liv i byer og lokalsamfund", "Life in towns and local communities"),
                "description": (
                    "Borgere, lokalråd og foreninger udvikler deres område sammen med kommunen.",
                    "Citizens, local councils and associations develop their area together "
                    "with the municipality.",
                ),
                "department": CITY_DEVELOPMENT,
                "status": "i-fuld-gang",
                "children": [
                    {
                        "slug": "lokaler-til-foreninger",
                        "title": ("Lokaler til foreninger", "Rooms for associations"),
                        "description": (
                            "Kommunens lokaler stilles til rådighed for foreningernes aktiviteter.",
                            "The municipality's rooms are made available for associations' "
                            "activities.",
                        ),
                        "department": CHILDREN_AND_CULTURE,
                        "status": "gennemfoert",
                        "weight": 1,
                    },
                    {
                        "slug": "lokalraad-og-udviklingsplaner",
                        "title": ("Lokalråd og udviklingsplaner", "Local councils and plans"),
                        "description": (
                            "Lokalrådene laver udviklingsplaner for deres område med støtte "
                            "fra kommunen.",
                            "Local councils draw up development plans for their area with "
                            "support from the municipality.",
                        ),
                        "department": CITY_DEVELOPMENT,
                        "status": "igangsat",
                        "weight": 3,
                    },
                ],
            },
            {
                "slug": "tilgaengelige-naturoplevelser",
                "title": ("Tilgængelige naturoplevelser", "Accessible nature experiences"),
                "description": (
                    "Et samlet overblik over stier, udsigtspunkter og naturområder – også for "
                    "dem, der har svært ved at gå.",
                    "One overview of paths, viewpoints and nature areas – also for people who "
                    "find walking difficult.",
                ),
                "department": TECHNICAL_AND_ENVIRONMENT,
                "status": "planlagt",
                "start_date": datetime.date(2025, 9, 1),
                "milestones": [
                    (
                        datetime.date(2025, 9, 1),
                        ("Kortlægning begynder", "Mapping begins"),
                        ("", ""),
                        False,
                    ),
                ],
            },
        ],
        "stories": [
            {
                "year": 2023,
                "headline": (
                    "Tusindvis af lokaler lånt ud til foreninger",
                    "Thousands of rooms lent to associations",
                ),
                "text": (
                    "Kommunen låner lokaler ud til foreningerne, så der er plads til "
                    "aktiviteter i hele kommunen.",
                    "The municipality lends rooms to associations, so there is space for "
                    "activities across the municipality.",
                ),
                "figure": Decimal(3800),
                "unit": ("lokaler lånt ud", "rooms lent out"),
                "initiative": "lokaler-til-foreninger",
            },
        ],
    },
    {
        "slug": "faellesskab-og-mangfoldighed",
        "title": ("Fællesskab og mangfoldighed", "Community and diversity"),
        "summary": (
            "Fællesskaber frem for ensomhed: det skal være let at finde nogen at være sammen "
            "med og let at give en hånd som frivillig.",
            "Communities instead of loneliness: it should be easy to find people to be with "
            "and easy to lend a hand as a volunteer.",
        ),
        "body": (
            "Gennem hele livet skal det være let at finde ligeværdige fællesskaber, der bygger "
            "på fælles interesser. Frivillige skal have de bedste vilkår – også dem, der gerne "
            "vil hjælpe en enkelt gang uden at binde sig.\n\n"
            "Vi er en international kommune, og mangfoldigheden er en styrke. Der skal være "
            "plads til alle.",
            "Throughout life it should be easy to find communities of equals built on shared "
            "interests. Volunteers should have the best conditions – including those who want "
            "to help once without committing.\n\n"
            "We are an international municipality, and diversity is a strength. There should "
            "be room for everyone.",
        ),
        "colour": Colour.ORANGE,
        "icon": Icon.GROUPS,
        "initiatives": [
            {
                "slug": "faellesskaber-frem-for-ensomhed",
                "title": ("Fællesskaber frem for ensomhed", "Communities instead of loneliness"),
                "description": (
                    "Mange ensomme ved ikke, hvad der foregår lige i nærheden. Vi gør det "
                    "synligt og nemt at møde op.",
                    "Many lonely people do not know what is going on nearby. We make it "
                    "visible and easy to turn up.",
                ),
                "department": SOCIAL_AND_LABOUR,
                "status": "i-fuld-gang",
                "weight": 2,
                "children": [
                    {
                        "slug": "overblik-over-faellesskaber",
                        "title": ("Overblik over fællesskaber", "An overview of communities"),
                        "description": (
                            "Aktiviteter og fællesskaber i nærheden samlet ét sted, med klar "
                            "besked om, at man er velkommen til at komme alene.",
                            "Activities and communities nearby gathered in one place, making "
                            "it clear that you are welcome to come on your own.",
                        ),
                        "department": CITIZEN_SERVICE,
                        "status": "i-fuld-gang",
                        "progress": 50,
                        "milestones": [
                            (
                                datetime.date(2024, 5, 1),
                                ("Behov afdækket med borgere", "Needs explored with citizens"),
                                (
                                    "Ældre og foreninger fortalte, hvad der gør det svært at "
                                    "finde et fællesskab.",
                                    "Older people and associations told us what makes it hard "
                                    "to find a community.",
                                ),
                                True,
                            ),
                            (
                                datetime.date(2025, 11, 1),
                                ("Platformen åbner for alle", "The platform opens to everyone"),
                                ("", ""),
                                False,
                            ),
                        ],
                    },
                    {
                        "slug": "besoegsvenner",
                        "title": ("Besøgsvenner", "Visiting friends"),
                        "description": (
                            "Frivillige besøgsvenner kommer hos borgere, der sidder meget alene.",
                            "Volunteer visiting friends call on citizens who spend a lot of "
                            "time alone.",
                        ),
                        "department": SOCIAL_AND_LABOUR,
                        "status": "naesten-faerdig",
                    },
                ],
            },
            {
                "slug": "gode-vilkaar-for-frivillige",
                "title": ("Gode vilkår for frivillige", "Good conditions for volunteers"),
                "description": (
                    "Det skal være let at blive frivillig, og frivillige skal opleve, at deres "
                    "indsats gør en forskel.",
                    "It should be easy to become a volunteer, and volunteers should feel their "
                    "effort makes a difference.",
                ),
                "department": SOCIAL_AND_LABOUR,
                "status": "i-fuld-gang",
                "weight": 2,
                "children": [
                    {
                        "slug": "ad-hoc-frivillighed",
                        "title": ("Frivillig en enkelt gang", "Volunteering for just one time"),
                        "description": (
                            "Korte opgaver, man kan sige ja til uden at binde sig for en hel "
                            "sæson.",
                            "Short tasks you can say yes to without committing to a whole season.",
                        ),
                        "department": SOCIAL_AND_LABOUR,
                        "status": "igangsat",
                        "weight": 2,
                    },
                    {
                        "slug": "stoette-til-sociale-foreninger",
                        "title": (
                            "Støtte til sociale foreninger",
                            "Grants for social associations",
                        ),
                        "description": (
                            "En årlig pulje støtter de sociale foreningers arbejde.",
                            "An annual fund supports the work of social associations.",
                        ),
                        "department": SOCIAL_AND_LABOUR,
                        "status": "gennemfoert",
                        "weight": 1,
                    },
                    {
                        "slug": "anerkendelse-af-frivillige",
                        "title": ("Anerkendelse af frivillige", "Recognising volunteers"),
                        "description": (
                            "Frivillige får bevis for deres indsats og bliver fejret.",
                            "Volunteers get proof of their contribution and are celebrated.",
                        ),
                        "department": SOCIAL_AND_LABOUR,
                        "status": "planlagt",
                    },
                ],
            },
            {
                "slug": "mangfoldighed-i-en-international-kommune",
                "title": (
                    "Mangfoldighed i en international kommune",
                    "Diversity in an international municipality",
                ),
                "description": (
                    "Borgere fra hele verden skal kunne finde vej ind i fællesskaberne.",
                    "Citizens from all over the world should find their way into local "
                    "communities.",
                ),
                "department": CITIZEN_SERVICE,
                "status": "igangsat",
                "weight": 1,
            },
        ],
        "stories": [
            {
                "year": 2019,
                "headline": (
                    "Sociale foreninger fik støtte fra puljen",
                    "Social associations shared the fund",
                ),
                "text": (
                    "75 sociale foreninger delte 2,6 millioner kroner til deres arbejde.",
                    "75 social associations shared 2.6 million kroner for their work.",
                ),
                "figure": Decimal("2.6"),
                "unit": ("mio. kr.", "million kroner"),
                "initiative": "stoette-til-sociale-foreninger",
                "order": 0,
            },
            {
                "year": 2019,
                "headline": (
                    "Hver fjerde er aktiv i en frivillig forening",
                    "One in four is active in a voluntary association",
                ),
                "text": (
                    "25 % af borgerne er aktive i en frivillig forening – og yderligere 17 % "
                    "vil gerne være det. Dem vil vi gerne hjælpe på vej.",
                    "25% of citizens are active in a voluntary association – and another 17% "
                    "would like to be. We want to help them get started.",
                ),
                "figure": Decimal(25),
                "unit": ("procent er aktive i en forening", "per cent active in an association"),
                "initiative": "gode-vilkaar-for-frivillige",
                "order": 1,
            },
        ],
    },
    {
        "slug": "groent-liv-og-baeredygtighed",
        "title": ("Grønt liv og bæredygtighed", "Green life and sustainability"),
        "summary": (
            "Bæredygtige løsninger, nytænkende klimatilpasning og grønne valg i hverdagen – på "
            "vej mod en CO2-neutral kommune i 2030.",
            "Sustainable solutions, innovative climate adaptation and green everyday choices – "
            "on the way to a carbon-neutral municipality by 2030.",
        ),
        "body": (
            "Esbjerg er Danmarks energimetropol, og den skal være grøn. Vi tilpasser byerne til "
            "et klima i forandring på nye måder og gør det lettere at vælge bæredygtigt i "
            "hverdagen – fra forbrug til transport.\n\n"
            "Målet er, at kommunen er CO2-neutral i 2030.",
            "Esbjerg is Denmark's energy metropolis, and it should be green. We adapt our towns "
            "to a changing climate in new ways and make sustainable choices easier in everyday "
            "life – from consumption to transport.\n\n"
            "The target is a carbon-neutral municipality by 2030.",
        ),
        "colour": Colour.TEAL,
        "icon": Icon.SYNC,
        "initiatives": [
            {
                "slug": "groen-energimetropol",
                "title": (
                    "Grøn energimetropol og grønne byer",
                    "Green energy metropolis and towns",
                ),
                "description": (
                    "Grøn energi og grønne byrum, der gør byerne gode at bo i.",
                    "Green energy and green urban spaces that make towns good places to live.",
                ),
                "department": TECHNICAL_AND_ENVIRONMENT,
                "status": "i-fuld-gang",
            },
            {
                "slug": "innovativ-klimatilpasning",
                "title": ("Innovativ klimatilpasning", "Innovative climate adaptation"),
                "description": (
                    "Nye løsninger mod skybrud og stigende vand, der samtidig giver grønne "
                    "rekreative områder.",
                    "New ways of handling cloudbursts and rising water that also create green "
                    "recreational areas.",
                ),
                "department": TECHNICAL_AND_ENVIRONMENT,
                "status": "igangsat",
                "end_date": datetime.date(2030, 12, 31),
            },
            {
                "slug": "baeredygtige-hverdagsvalg",
                "title": ("Bæredygtige hverdagsvalg", "Sustainable everyday choices"),
                "description": (
                    "Det skal være let at forbruge klimabevidst og at komme rundt på en "
                    "CO2-venlig måde.",
                    "It should be easy to consume with the climate in mind and to get around "
                    "in a low-carbon way.",
                ),
                "department": TECHNICAL_AND_ENVIRONMENT,
                "status": "i-fuld-gang",
                "children": [
                    {
                        "slug": "klimabevidst-forbrug",
                        "title": ("Klimabevidst forbrug", "Climate-conscious consumption"),
                        "description": (
                            "Genbrug, reparation og deling gøres lettere for borgerne.",
                            "Reuse, repair and sharing are made easier for citizens.",
                        ),
                        "department": TECHNICAL_AND_ENVIRONMENT,
                        "status": "igangsat",
                        "weight": 1,
                    },
                    {
                        "slug": "co2-venlig-transport",
                        "title": ("CO2-venlig transport", "Low-carbon transport"),
                        "description": (
                            "Kommunens egne køretøjer og den kollektive trafik skifter til "
                            "grønne drivmidler.",
                            "The municipality's own vehicles and public transport switch to "
                            "green fuels.",
                        ),
                        "department": TECHNICAL_AND_ENVIRONMENT,
                        "status": "i-fuld-gang",
                        "weight": 2,
                        "children": [
                            {
                                "slug": "elbusser",
                                "title": ("Elbusser i bytrafikken", "Electric city buses"),
                                "description": (
                                    "Bybusserne kører på strøm.",
                                    "The city buses run on electricity.",
                                ),
                                "department": TECHNICAL_AND_ENVIRONMENT,
                                "status": "gennemfoert",
                                "weight": 1,
                                "milestones": [
                                    (
                                        datetime.date(2022, 6, 1),
                                        ("De første elbusser kører", "First electric buses run"),
                                        ("", ""),
                                        True,
                                    ),
                                ],
                            },
                            {
                                "slug": "biogas-skraldebiler",
                                "title": ("Skraldebiler på biogas", "Biogas refuse trucks"),
                                "description": (
                                    "Affaldet hentes af biler, der kører på biogas.",
                                    "Waste is collected by trucks running on biogas.",
                                ),
                                "department": TECHNICAL_AND_ENVIRONMENT,
                                "status": "gennemfoert",
                                "weight": 1,
                            },
                            {
                                "slug": "groen-kommunal-bilpark",
                                "title": ("Grøn kommunal bilpark", "Green municipal fleet"),
                                "description": (
                                    "Kommunens egne biler skiftes til el, efterhånden som de "
                                    "udskiftes.",
                                    "The municipality's own cars are switched to electric "
                                    "as they are replaced.",
                                ),
                                "department": TECHNICAL_AND_ENVIRONMENT,
                                "status": "igangsat",
                                "progress": 40,
                                "weight": 2,
                            },
                        ],
                    },
                ],
            },
        ],
        "stories": [
            {
                "year": 2024,
                "headline": ("Bybusserne kører på strøm", "City buses run on electricity"),
                "text": (
                    "29 elbusser kører nu i bytrafikken og sparer luften for udstødning.",
                    "29 electric buses now serve the city routes, sparing the air from exhaust.",
                ),
                "figure": Decimal(29),
                "unit": ("elbusser", "electric buses"),
                "initiative": "elbusser",
                "order": 0,
            },
            {
                "year": 2024,
                "headline": ("Skraldet hentes på biogas", "Refuse collected on biogas"),
                "text": (
                    "22 skraldebiler kører på biogas i stedet for diesel.",
                    "22 refuse trucks run on biogas instead of diesel.",
                ),
                "figure": Decimal(22),
                "unit": ("skraldebiler på biogas", "biogas refuse trucks"),
                "initiative": "biogas-skraldebiler",
                "order": 1,
            },
        ],
    },
]


def _translated(data: dict, *names: str) -> dict:
    """{"title": ("da", "en")} → {"title_da": "da", "title_en": "en"} for the given names."""
    values = {}
    for name in names:
        danish, english = data.get(name, ("", ""))
        values[f"{name}_da"] = danish
        values[f"{name}_en"] = english
    return values


@transaction.atomic
def load_vision_demo() -> str:
    """Create or update the demo vision. Returns a one-line summary."""
    statuses = {}
    for order, status in enumerate(STATUSES):
        statuses[status["slug"]], _ = InitiativeStatus.objects.update_or_create(
            slug=status["slug"],
            defaults={
                **_translated(status, "name", "description"),
                "default_progress": status["default_progress"],
                "order": order,
            },
        )

    vision, _ = Vision.objects.update_or_create(
        slug=VISION_SLUG,
        defaults={
            **_translated(VISION, "title", "tagline", "introduction"),
            "adopted_on": VISION["adopted_on"],
        },
    )
    for order, ambition in enumerate(AMBITIONS):
        Ambition.objects.update_or_create(
            vision=vision,
            slug=ambition["slug"],
            defaults={**_translated(ambition, "title", "text"), "order": order},
        )

    for order, area in enumerate(FOCUS_AREAS):
        focus_area, _ = FocusArea.objects.update_or_create(
            slug=area["slug"],
            defaults={
                "vision": vision,
                **_translated(area, "title", "summary", "body"),
                "colour": area["colour"],
                "icon": area["icon"],
                "order": order,
            },
        )
        initiatives = {}
        for initiative_order, data in enumerate(area["initiatives"]):
            _load_initiative(
                data,
                focus_area=focus_area,
                parent=None,
                order=initiative_order,
                statuses=statuses,
                loaded=initiatives,
            )
        for story_order, story in enumerate(area["stories"]):
            ResultStory.objects.update_or_create(
                focus_area=focus_area,
                year=story["year"],
                order=story.get("order", story_order),
                defaults={
                    **_translated(story, "headline", "text", "unit"),
                    "figure": story.get("figure"),
                    "initiative": initiatives.get(story.get("initiative")),
                },
            )

    recompute_all_progress()
    return (
        f"Vision: {Vision.objects.count()} vision(s), {FocusArea.objects.count()} focus areas, "
        f"{Initiative.objects.count()} initiatives, {Milestone.objects.count()} milestones, "
        f"{ResultStory.objects.count()} result stories."
    )


def _load_initiative(data, *, focus_area, parent, order, statuses, loaded) -> Initiative:
    status = statuses[data["status"]]
    defaults = {
        "focus_area": focus_area,
        "parent": parent,
        **_translated(data, "title", "description", "department"),
        "status": status,
        "weight": data.get("weight"),
        "start_date": data.get("start_date"),
        "end_date": data.get("end_date"),
        "order": order,
    }
    children = data.get("children", [])
    if not children:
        # A parent's progress is computed afterwards; only leaves carry their own.
        defaults["progress"] = data.get("progress", status.default_progress)
    initiative, _ = Initiative.objects.update_or_create(slug=data["slug"], defaults=defaults)
    loaded[initiative.slug] = initiative

    for date, title, description, reached in data.get("milestones", []):
        Milestone.objects.update_or_create(
            initiative=initiative,
            date=date,
            defaults={
                "title_da": title[0],
                "title_en": title[1],
                "description_da": description[0],
                "description_en": description[1],
                "reached": reached,
            },
        )
    for child_order, child in enumerate(children):
        _load_initiative(
            child,
            focus_area=focus_area,
            parent=initiative,
            order=child_order,
            statuses=statuses,
            loaded=loaded,
        )
    return initiative
