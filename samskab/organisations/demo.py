"""Demo organisations in Esbjerg Kommune, and a demo coordinator who runs some of them.

The organisations are invented (names, people and contact addresses alike); the towns,
postcodes and focus areas are real. Contact emails use the reserved example.org domain.
Municipal services get the municipality's public switchboard and website.

Loading is idempotent: organisations are found by slug and only saved when something
differs; memberships by organisation and user. Organisations that are pending in the demo
(for staff to try the review) are only created, never reset, so a decision taken in the
demo survives another run. Needs the vision demo (its focus areas) to be loaded first.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from samskab.organisations.models import Membership, Organisation
from samskab.vision.models import FocusArea

DEMO_COORDINATOR_EMAIL = "coordinator@esbjerg.samskab.dk"
DEMO_COORDINATOR_DISPLAY_NAME = "Demo-koordinator"
# A published demo password for local trials, like the demo staff login's.
DEMO_COORDINATOR_PASSWORD = "samskab-demo-2025"  # noqa: S105

ENERGY = "energi-i-hverdagslivet"
HEALTH = "livskvalitet-og-sundhed"
CULTURE = "kulturlivet-i-by-og-natur"
COMMUNITY = "faellesskab-og-mangfoldighed"
GREEN = "groent-liv-og-baeredygtighed"

ASSOCIATION = Organisation.Type.ASSOCIATION
VOLUNTEER_GROUP = Organisation.Type.VOLUNTEER_GROUP
MUNICIPAL_SERVICE = Organisation.Type.MUNICIPAL_SERVICE
LOCAL_COUNCIL = Organisation.Type.LOCAL_COUNCIL

MUNICIPALITY_PHONE = "76 16 16 16"
MUNICIPALITY_WEBSITE = "https://www.esbjerg.dk"

# slug, name, type, street, postcode, town, contact person, focus areas, Danish, English.
ORGANISATIONS = [
    (
        "ribe-strikkeklub",
        "Ribe Strikkeklub",
        ASSOCIATION,
        "Sct. Nicolaj Gade 10",
        "6760",
        "Ribe",
        "Inge Holm",
        [COMMUNITY, CULTURE],
        "Vi strikker, hækler og drikker kaffe hver tirsdag eftermiddag. Begyndere og garvede "
        "strikkere er lige velkomne, og du behøver ikke kende nogen i forvejen – vi har altid "
        "en ekstra stol og et par pinde til låns.",
        "",
    ),
    (
        "frivilligcenter-esbjerg",
        "Frivilligcenter Esbjerg",
        VOLUNTEER_GROUP,
        "Kongensgade 48",
        "6700",
        "Esbjerg",
        "Mette Kristensen",
        [COMMUNITY],
        "Vi hjælper frivillige og foreninger med at finde hinanden. Kig forbi til en snak om, "
        "hvad du kunne tænke dig at give en hånd med – en time en enkelt gang eller fast hver "
        "uge. Foreninger får hjælp til at tage godt imod nye frivillige.",
        "We help volunteers and associations find each other. Drop by for a chat about what "
        "you would like to help with – one hour once, or every week. We speak Danish and "
        "English.",
    ),
    (
        "esbjerg-international-community",
        "Esbjerg International Community",
        ASSOCIATION,
        "Torvegade 20",
        "6700",
        "Esbjerg",
        "Aisha Rahman",
        [ENERGY, COMMUNITY],
        "Et mødested for tilflyttere fra hele verden og danskere, der gerne vil møde dem. Vi "
        "holder fredagshygge, sprogcafé og hjælper hinanden med at falde til i Esbjerg.",
        "A meeting place for internationals and Danes who would like to meet them. We host "
        "Friday socials and language cafés and help each other settle in Esbjerg. Newcomers "
        "and their families are very welcome.",
    ),
    (
        "sprogcafe-paa-hovedbiblioteket",
        "Sprogcafé på Hovedbiblioteket",
        MUNICIPAL_SERVICE,
        "Nørregade 19",
        "6700",
        "Esbjerg",
        "Esbjerg Bibliotekerne",
        [ENERGY, COMMUNITY],
        "Øv dansk i en afslappet samtale med frivillige sprogvenner. Der er ingen tilmelding og "
        "intet niveau – kom, når du har tid, og tag gerne dine spørgsmål om hverdagen med.",
        "Practise Danish in a relaxed conversation with volunteer language friends. No sign-up "
        "and no level required – come when you can, and bring your questions about everyday "
        "life in Denmark.",
    ),
    (
        "bramming-gymnastikforening",
        "Bramming Gymnastikforening",
        ASSOCIATION,
        "Stationsvej 8",
        "6740",
        "Bramming",
        "Lars Nielsen",
        [HEALTH],
        "Gymnastik for alle aldre: forældre-barn, springhold, seniorgymnastik og "
        "motionsgymnastik for voksne. Første træning er altid gratis.",
        "",
    ),
    (
        "tjaereborg-idraetsforening",
        "Tjæreborg Idrætsforening",
        ASSOCIATION,
        "Storegade 52",
        "6731",
        "Tjæreborg",
        "Peter Thomsen",
        [HEALTH, COMMUNITY],
        "Fodbold, håndbold, badminton og motionsløb for børn og voksne i Tjæreborg. Vi "
        "mangler altid hjælpere til stævner og sommerfest – en enkelt dag tæller også.",
        "",
    ),
    (
        "goerding-lokalraad",
        "Gørding Lokalråd",
        LOCAL_COUNCIL,
        "Skolegade 4",
        "6690",
        "Gørding",
        "Birgitte Lund",
        [CULTURE, ENERGY],
        "Lokalrådet samler borgere, foreninger og erhvervsliv om Gørdings udvikling. Vi står "
        "bag byfesten, juletræstændingen og arbejdet med en ny udviklingsplan for byen.",
        "",
    ),
    (
        "vejrup-lokalraad",
        "Vejrup Lokalråd",
        LOCAL_COUNCIL,
        "Vejrup Kirkevej 2",
        "6740",
        "Vejrup",
        "Søren Knudsen",
        [CULTURE],
        "Vi arbejder for et levende Vejrup med stier, legeplads og aktiviteter, der samler "
        "byen. Alle borgere kan komme med idéer til vores åbne møder.",
        "",
    ),
    (
        "hjerting-strandrensere",
        "Hjerting Strandrensere",
        VOLUNTEER_GROUP,
        "Strandpromenaden 1",
        "6710",
        "Hjerting",
        "Kirsten Poulsen",
        [GREEN, CULTURE],
        "Vi samler affald på stranden og langs vaden den første søndag i måneden. Sække og "
        "handsker ligger klar – du møder bare op, når det passer dig.",
        "We pick up litter on the beach and along the Wadden Sea on the first Sunday of each "
        "month. Bags and gloves are provided – just turn up when it suits you.",
    ),
    (
        "saedding-seniordans",
        "Sædding Seniordans",
        ASSOCIATION,
        "Sædding Ringvej 7",
        "6710",
        "Sædding",
        "Tove Iversen",
        [HEALTH, COMMUNITY],
        "Folkedans og linedance for seniorer hver onsdag formiddag. Du kan sagtens komme "
        "alene – vi skifter partner hele tiden og slutter af med kaffe.",
        "",
    ),
    (
        "grimstrup-forsamlingshus",
        "Grimstrup Forsamlingshus",
        ASSOCIATION,
        "Grimstrupvej 31",
        "6818",
        "Grimstrup",
        "Niels Jørgensen",
        [CULTURE, COMMUNITY],
        "Forsamlingshuset er landsbyens stue: fællesspisning, foredrag, banko og "
        "høstfest. Huset drives af frivillige og kan lejes til private fester.",
        "",
    ),
    (
        "andrup-byhave",
        "Andrup Byhave",
        VOLUNTEER_GROUP,
        "Andrupvej 15",
        "6705",
        "Andrup",
        "Maria Kowalska",
        [GREEN, COMMUNITY],
        "En fælles køkkenhave, hvor naboer dyrker grøntsager, bytter frø og høster sammen. "
        "Ingen erfaring nødvendig – vi lærer af hinanden.",
        "A shared kitchen garden where neighbours grow vegetables, swap seeds and harvest "
        "together. No experience needed – we learn from each other.",
    ),
    (
        "guldager-sogns-lokalraad",
        "Guldager Sogns Lokalråd",
        LOCAL_COUNCIL,
        "Guldager Kirkevej 5",
        "6710",
        "Guldager",
        "Henrik Møller",
        [CULTURE, ENERGY],
        "Lokalrådet er bindeled mellem borgerne i Guldager sogn og kommunen. Vi arbejder for "
        "sikre skoleveje, et aktivt medborgerhus og flere naturstier.",
        "",
    ),
    (
        "agerbaek-motionsklub",
        "Agerbæk Motionsklub",
        ASSOCIATION,
        "Ribevej 3",
        "6753",
        "Agerbæk",
        "Anders Pedersen",
        [HEALTH],
        "Løb, gang og cykling i fællesskab tre gange om ugen. Vi har hold i alle tempi, så "
        "ingen bliver efterladt.",
        "",
    ),
    (
        "darum-ungdomsklub",
        "Darum Ungdomsklub",
        ASSOCIATION,
        "Darumvej 40",
        "6740",
        "Darum",
        "Bente Rasmussen",
        [ENERGY],
        "Klub for børn og unge fra 10 år med brætspil, bordtennis, madlavning og ture. "
        "Klubben drives af forældre og frivillige voksne.",
        "",
    ),
    (
        "vester-nebel-vandrelaug",
        "Vester Nebel Vandrelaug",
        ASSOCIATION,
        "Vester Nebel Kirkevej 1",
        "6715",
        "Vester Nebel",
        "Ole Christensen",
        [HEALTH, CULTURE],
        "Vi går ture på 5-10 km i Vester Nebel Ådal og omegn hver lørdag. Turene slutter "
        "med medbragt kaffe og en snak.",
        "",
    ),
    (
        "vikingelauget-i-ribe",
        "Vikingelauget i Ribe",
        VOLUNTEER_GROUP,
        "Lustrupvej 4",
        "6760",
        "Ribe",
        "Poul Frandsen",
        [CULTURE],
        "Frivillige, der bringer vikingetiden til live med håndværk, madlavning over bål og "
        "fortællinger for skoleklasser og turister.",
        "Volunteers who bring the Viking Age to life with crafts, cooking over the fire and "
        "stories for school classes and visitors.",
    ),
    (
        "besoegsvenner-esbjerg",
        "Besøgsvenner Esbjerg",
        VOLUNTEER_GROUP,
        "Kirkegade 29",
        "6700",
        "Esbjerg",
        "Hanne Sørensen",
        [COMMUNITY, HEALTH],
        "Vi formidler faste besøgsvenner til ældre, der sidder meget alene. En besøgsven "
        "kommer forbi til en kop kaffe, en gåtur eller et spil kort – typisk en gang om ugen.",
        "",
    ),
    (
        "seniorcenter-kvaglund",
        "Seniorcenter Kvaglund",
        MUNICIPAL_SERVICE,
        "Kvaglund Parkvej 2",
        "6705",
        "Esbjerg",
        "Esbjerg Kommune, Sundhed & Omsorg",
        [HEALTH, COMMUNITY],
        "Aktivitetscenter for seniorer med træning, kreative værksteder, café og foredrag. "
        "Alle over 60 år kan komme – også hvis du bare vil have selskab til frokost.",
        "",
    ),
    (
        "forebyggelsescentret-esbjerg",
        "Forebyggelsescentret",
        MUNICIPAL_SERVICE,
        "Exnersgade 30",
        "6700",
        "Esbjerg",
        "Esbjerg Kommune, Sundhed & Omsorg",
        [HEALTH],
        "Gratis forløb, der hjælper dig med at stoppe med at ryge, bevæge dig mere eller "
        "håndtere stress. Du kan henvende dig selv eller blive henvist af din læge.",
        "Free courses that help you quit smoking, move more or handle stress. Contact us "
        "yourself or ask your doctor to refer you. Courses in English on request.",
    ),
    (
        "esbjerg-naturskole",
        "Esbjerg Naturskole",
        MUNICIPAL_SERVICE,
        "Marbækvej 60",
        "6710",
        "Hjerting",
        "Esbjerg Kommune, Børn & Kultur",
        [GREEN, CULTURE],
        "Naturskolen tager børn, familier og voksne med ud i naturen ved Marbæk og "
        "Vadehavet: fugletræk, østerssafari og bålmad.",
        "The nature school takes children, families and adults out into nature at Marbæk and "
        "the Wadden Sea: bird migration, oyster safaris and campfire cooking.",
    ),
    (
        "ribe-kunstforening",
        "Ribe Kunstforening",
        ASSOCIATION,
        "Overdammen 7",
        "6760",
        "Ribe",
        "Susanne Hansen",
        [CULTURE],
        "Vi arrangerer udstillinger, kunstrejser og foredrag og trækker hvert år lod om "
        "værker blandt medlemmerne.",
        "",
    ),
    (
        "bramming-musikforening",
        "Bramming Musikforening",
        ASSOCIATION,
        "Storegade 21",
        "6740",
        "Bramming",
        "Jens Madsen",
        [CULTURE],
        "Koncerter med jazz, folk og klassisk musik i Bramming – ofte med lokale musikere. "
        "Frivillige hjælper med billetter, kaffe og opstilling.",
        "",
    ),
    (
        "tjaereborg-lokalraad",
        "Tjæreborg Lokalråd",
        LOCAL_COUNCIL,
        "Storegade 41",
        "6731",
        "Tjæreborg",
        "Lone Andersen",
        [ENERGY, CULTURE],
        "Lokalrådet arbejder for et attraktivt Tjæreborg for børnefamilier og seniorer og "
        "tager godt imod nye tilflyttere med en velkomstpakke.",
        "",
    ),
    (
        "maendenes-hus-esbjerg",
        "Mændenes Hus Esbjerg",
        ASSOCIATION,
        "Havnegade 14",
        "6700",
        "Esbjerg",
        "Ole Christensen",
        [COMMUNITY, HEALTH],
        "Et værksted og mødested for mænd i alle aldre. Vi reparerer, bygger og laver mad "
        "sammen – og snakker om livet ind imellem.",
        "A workshop and meeting place for men of all ages. We repair, build and cook together "
        "– and talk about life in between.",
    ),
    (
        "goerding-petanqueklub",
        "Gørding Petanqueklub",
        ASSOCIATION,
        "Idrætsvej 2",
        "6690",
        "Gørding",
        "Karen Jepsen",
        [HEALTH, COMMUNITY],
        "Petanque året rundt på banerne ved hallen. Vi låner kugler ud til nye spillere.",
        "",
    ),
    (
        "hjerting-sejlklub",
        "Hjerting Sejlklub",
        ASSOCIATION,
        "Sønderhavn 3",
        "6710",
        "Hjerting",
        "Henrik Møller",
        [HEALTH, CULTURE],
        "Sejlads for børn, unge og voksne på Ho Bugt. Vi tilbyder prøvesejlads om foråret "
        "og har joller, du kan låne.",
        "",
    ),
    (
        "saedding-repair-cafe",
        "Sædding Repair Café",
        VOLUNTEER_GROUP,
        "Sædding Centret 1",
        "6710",
        "Sædding",
        "Niels Jørgensen",
        [GREEN],
        "Tag din ødelagte brødrister, cykel eller yndlingsbukser med – frivillige reparatører "
        "hjælper dig med at få dem til at virke igen.",
        "Bring your broken toaster, bike or favourite trousers – volunteer fixers help you get "
        "them working again.",
    ),
    (
        "esbjerg-madfaellesskab",
        "Esbjerg Madfællesskab",
        VOLUNTEER_GROUP,
        "Jyllandsgade 60",
        "6700",
        "Esbjerg",
        "Birgitte Lund",
        [COMMUNITY],
        "Fællesspisning for alle hver torsdag. Vi laver maden sammen af overskudsvarer fra "
        "lokale butikker, og prisen er lav.",
        "Community dinner for everyone every Thursday. We cook together with surplus food "
        "from local shops, and the price is low.",
    ),
    (
        "groen-esbjerg",
        "Klimaforeningen Grøn Esbjerg",
        ASSOCIATION,
        "Finsensgade 12",
        "6700",
        "Esbjerg",
        "Maria Kowalska",
        [GREEN],
        "Vi inspirerer til klimavenlige hverdagsvalg med byttemarkeder, cykelværksted og "
        "foredrag om energi i hjemmet.",
        "We inspire climate-friendly everyday choices with swap markets, a bike workshop and "
        "talks about energy at home.",
    ),
    (
        "ribe-lektiecafe",
        "Ribe Lektiecafé",
        VOLUNTEER_GROUP,
        "Seminarievej 2",
        "6760",
        "Ribe",
        "Susanne Hansen",
        [ENERGY, COMMUNITY],
        "Frivillige hjælper skoleelever med lektier og opgaver to eftermiddage om ugen. Der "
        "er altid frugt og en rolig plads at arbejde.",
        "",
    ),
    (
        "bramming-lokalraad",
        "Bramming Lokalråd",
        LOCAL_COUNCIL,
        "Jernbanegade 1",
        "6740",
        "Bramming",
        "Jens Madsen",
        [ENERGY, CULTURE],
        "Lokalrådet samler Brammings foreninger om fælles arrangementer og taler byens sag "
        "over for kommunen.",
        "",
    ),
    (
        "agerbaek-lokalraad",
        "Agerbæk Lokalråd",
        LOCAL_COUNCIL,
        "Storegade 12",
        "6753",
        "Agerbæk",
        "Anders Pedersen",
        [CULTURE],
        "Vi arbejder for liv i Agerbæk: torvedage, et aktivt forsamlingshus og bedre "
        "busforbindelser.",
        "",
    ),
    (
        "grimstrup-motionscykling",
        "Grimstrup Motionscykling",
        ASSOCIATION,
        "Grimstrupvej 12",
        "6818",
        "Grimstrup",
        "Søren Knudsen",
        [HEALTH, GREEN],
        "Fælles cykelture på landevejen tirsdag og torsdag aften i roligt tempo. Nye ryttere "
        "får en erfaren makker de første gange.",
        "",
    ),
    (
        "paaroerendenetvaerket-esbjerg",
        "Pårørendenetværket Esbjerg",
        VOLUNTEER_GROUP,
        "Kirkegade 29",
        "6700",
        "Esbjerg",
        "Hanne Sørensen",
        [HEALTH, COMMUNITY],
        "Samtalegrupper og netværkscafé for pårørende til mennesker med demens, "
        "kræft eller psykisk sygdom. Du er ikke alene.",
        "Talk groups and a network café for relatives of people with dementia, cancer or "
        "mental illness. You are not alone.",
    ),
    (
        "fritidsvejledningen",
        "Fritidsvejledningen",
        MUNICIPAL_SERVICE,
        "Torvegade 74",
        "6700",
        "Esbjerg",
        "Esbjerg Kommune, Børn & Kultur",
        [ENERGY, COMMUNITY],
        "Fritidsvejlederne hjælper børn og unge med at finde en fritidsaktivitet, der passer "
        "til dem – og kan søge om støtte til kontingent og udstyr.",
        "Our leisure guides help children and young people find a leisure activity that suits "
        "them, and can apply for help with fees and equipment.",
    ),
    (
        "ribe-seniorklub",
        "Ribe Seniorklub",
        ASSOCIATION,
        "Damvej 6",
        "6760",
        "Ribe",
        "Tove Iversen",
        [COMMUNITY, HEALTH],
        "Hyggeligt samvær for seniorer med sang, foredrag, udflugter og kortspil hver "
        "mandag eftermiddag.",
        "",
    ),
    (
        "vejrup-idraetsforening",
        "Vejrup Idrætsforening",
        ASSOCIATION,
        "Hallen 1",
        "6740",
        "Vejrup",
        "Peter Thomsen",
        [HEALTH],
        "Fodbold, gymnastik, volleyball og krolf i Vejrup. Foreningen er drevet af frivillige "
        "trænere og forældre.",
        "",
    ),
    (
        "guldager-sangkor",
        "Guldager Sangkor",
        ASSOCIATION,
        "Guldager Kirkevej 3",
        "6710",
        "Guldager",
        "Kirsten Poulsen",
        [CULTURE, COMMUNITY],
        "Et blandet kor med 30 glade sangere. Du skal ikke kunne læse noder – bare have lyst "
        "til at synge.",
        "",
    ),
    (
        "darum-lokalhistoriske-arkiv",
        "Darum Lokalhistoriske Arkiv",
        ASSOCIATION,
        "Darumvej 38",
        "6740",
        "Darum",
        "Bente Rasmussen",
        [CULTURE],
        "Vi samler billeder, breve og fortællinger fra Darum og omegn. Frivillige hjælper med "
        "at registrere og scanne – også en enkelt eftermiddag.",
        "",
    ),
    (
        "vester-nebel-forsamlingshus",
        "Vester Nebel Forsamlingshus",
        ASSOCIATION,
        "Vester Nebel Kirkevej 8",
        "6715",
        "Vester Nebel",
        "Ole Christensen",
        [COMMUNITY, CULTURE],
        "Fællesspisning den sidste fredag i måneden, sankthans og juletræsfest. Huset er "
        "åbent for alle i sognet.",
        "",
    ),
    (
        "tjaereborg-naturplejelaug",
        "Tjæreborg Naturplejelaug",
        VOLUNTEER_GROUP,
        "Sneumvej 2",
        "6731",
        "Tjæreborg",
        "Lone Andersen",
        [GREEN, CULTURE],
        "Vi holder de lokale enge og stier fri for invasive planter og bygger fuglekasser. "
        "Kom en lørdag og prøv – vi har redskaber nok.",
        "",
    ),
    (
        "esbjerg-skakklub",
        "Esbjerg Skakklub",
        ASSOCIATION,
        "Stormgade 18",
        "6700",
        "Esbjerg",
        "Lars Nielsen",
        [ENERGY, COMMUNITY],
        "Skak for børn og voksne, begyndere og turneringsspillere. Klubaften hver "
        "onsdag, og vi har instruktion for nye spillere.",
        "Chess for children and adults, beginners and tournament players. Club night every "
        "Wednesday, with coaching for new players.",
    ),
    (
        "seniornetvaerk-andrup",
        "Seniornetværk Andrup",
        VOLUNTEER_GROUP,
        "Andrupvej 21",
        "6705",
        "Andrup",
        "Karen Jepsen",
        [COMMUNITY, HEALTH],
        "Seniorer, der hjælper hinanden med it, indkøb og gåture – og mødes til kaffe hver "
        "anden torsdag.",
        "",
    ),
    (
        "cykelvaerkstedet-i-goerding",
        "Cykelværkstedet i Gørding",
        VOLUNTEER_GROUP,
        "Storegade 30",
        "6690",
        "Gørding",
        "Søren Knudsen",
        [GREEN],
        "Frivillige hjælper dig med at lappe, justere og reparere din cykel. Reservedele "
        "kommer fra kasserede cykler.",
        "",
    ),
    (
        "hjerting-vinterbadere",
        "Hjerting Vinterbadere",
        ASSOCIATION,
        "Hjerting Strandvej 50",
        "6710",
        "Hjerting",
        "Aisha Rahman",
        [HEALTH, COMMUNITY],
        "Morgenbad fra broen hele vinteren og sauna bagefter. Nye badere får en makker den "
        "første gang.",
        "Morning swims from the jetty all winter, with a sauna afterwards. New swimmers get a "
        "buddy the first time.",
    ),
    (
        "ribe-bibliotek",
        "Ribe Bibliotek",
        MUNICIPAL_SERVICE,
        "Sct. Nicolaj Gade 10",
        "6760",
        "Ribe",
        "Esbjerg Bibliotekerne",
        [CULTURE, ENERGY],
        "Bøger, læsekredse, it-hjælp og foredrag. Biblioteket er åbent med selvbetjening fra "
        "morgen til aften.",
        "Books, reading groups, IT help and talks. The library is open with self-service from "
        "morning to evening.",
    ),
    (
        "ungdomsskolen-esbjerg",
        "Ungdomsskolen Esbjerg",
        MUNICIPAL_SERVICE,
        "Gl. Vardevej 8",
        "6700",
        "Esbjerg",
        "Esbjerg Kommune, Børn & Kultur",
        [ENERGY],
        "Gratis fritidsundervisning for unge fra 13 til 18 år: knallertkørekort, e-sport, "
        "madlavning, musik og meget mere.",
        "Free leisure classes for young people aged 13 to 18: moped licence, e-sports, "
        "cooking, music and much more.",
    ),
]

# Registrations that wait for the municipality, so that staff can try the review.
PENDING_ORGANISATIONS = [
    (
        "goerding-braetspilsklub",
        "Gørding Brætspilsklub",
        ASSOCIATION,
        "Skolegade 4",
        "6690",
        "Gørding",
        "Demo-koordinator",
        [COMMUNITY],
        "Vi mødes og spiller brætspil for alle aldre hver anden fredag. Tag dit yndlingsspil "
        "med eller lær et nyt.",
        "",
    ),
    (
        "andrup-loebefaellesskab",
        "Andrup Løbefællesskab",
        VOLUNTEER_GROUP,
        "Andrupvej 15",
        "6705",
        "Andrup",
        "Lars Nielsen",
        [HEALTH],
        "Fælles løbeture for begyndere søndag morgen. Vi løber sammen og venter på hinanden.",
        "Running together for beginners on Sunday mornings. We run as a group and wait for "
        "each other.",
    ),
]

# The demo coordinator's roles: administrator of three organisations, coordinator of one,
# and the one who registered a pending organisation.
COORDINATOR_ROLES = {
    "ribe-strikkeklub": Membership.Role.ADMINISTRATOR,
    "frivilligcenter-esbjerg": Membership.Role.ADMINISTRATOR,
    "esbjerg-international-community": Membership.Role.ADMINISTRATOR,
    "sprogcafe-paa-hovedbiblioteket": Membership.Role.COORDINATOR,
    "goerding-braetspilsklub": Membership.Role.ADMINISTRATOR,
}


def _values(row, *, status) -> tuple[str, dict, list[str]]:
    slug, name, type_, street, postcode, town, contact, areas, danish, english = row
    is_municipal = type_ == MUNICIPAL_SERVICE
    return (
        slug,
        {
            "name": name,
            "type": type_,
            "street": street,
            "postcode": postcode,
            "town": town,
            "contact_name": contact,
            "contact_email": f"{slug}@example.org",
            "contact_phone": MUNICIPALITY_PHONE if is_municipal else "",
            "website": MUNICIPALITY_WEBSITE if is_municipal else "",
            "description_da": danish,
            "description_en": english,
            "status": status,
        },
        areas,
    )


def _save_if_changed(organisation: Organisation, values: dict) -> bool:
    changed = [field for field, value in values.items() if getattr(organisation, field) != value]
    for field in changed:
        setattr(organisation, field, values[field])
    if organisation.pk is None:
        organisation.save()
        return True
    if changed:
        organisation.save()
    return bool(changed)


def _focus_areas_by_slug() -> dict[str, FocusArea]:
    wanted = {ENERGY, HEALTH, CULTURE, COMMUNITY, GREEN}
    areas = {area.slug: area for area in FocusArea.objects.filter(slug__in=wanted)}
    missing = wanted - set(areas)
    if missing:
        raise RuntimeError(
            "The organisations demo needs the vision demo's focus areas; load it first "
            f"(missing: {', '.join(sorted(missing))})."
        )
    return areas


def _set_focus_areas(organisation: Organisation, areas: list[FocusArea]) -> None:
    current = set(organisation.focus_areas.values_list("pk", flat=True))
    if current != {area.pk for area in areas}:
        organisation.focus_areas.set(areas)


def ensure_demo_coordinator():
    user, _ = get_user_model().objects.get_or_create(
        email=DEMO_COORDINATOR_EMAIL,
        defaults={"display_name": DEMO_COORDINATOR_DISPLAY_NAME, "preferred_language": "da"},
    )
    if not user.check_password(DEMO_COORDINATOR_PASSWORD):
        # Only re-hash when the password differs, so a second run changes nothing.
        user.set_password(DEMO_COORDINATOR_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=DEMO_COORDINATOR_EMAIL, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def load_organisations_demo() -> str:
    areas_by_slug = _focus_areas_by_slug()
    coordinator = ensure_demo_coordinator()
    now = timezone.now()

    for row in ORGANISATIONS:
        slug, values, area_slugs = _values(row, status=Organisation.Status.APPROVED)
        organisation = Organisation.objects.filter(slug=slug).first() or Organisation(
            slug=slug, reviewed_at=now
        )
        _save_if_changed(organisation, values)
        _set_focus_areas(organisation, [areas_by_slug[area] for area in area_slugs])

    for row in PENDING_ORGANISATIONS:
        slug, values, area_slugs = _values(row, status=Organisation.Status.PENDING)
        if Organisation.objects.filter(slug=slug).exists():
            continue
        registered_by = coordinator if slug in COORDINATOR_ROLES else None
        organisation = Organisation(slug=slug, created_by=registered_by, **values)
        organisation.save()
        organisation.focus_areas.set([areas_by_slug[area] for area in area_slugs])

    organisations = Organisation.objects.in_bulk(list(COORDINATOR_ROLES), field_name="slug")
    for slug, role in COORDINATOR_ROLES.items():
        membership, created = Membership.objects.get_or_create(
            organisation=organisations[slug], user=coordinator, defaults={"role": role}
        )
        if not created and membership.role != role:
            membership.role = role
            membership.save(update_fields=["role"])

    return (
        f"Organisations: {len(ORGANISATIONS)} approved and {len(PENDING_ORGANISATIONS)} "
        f"awaiting approval; coordinator login {DEMO_COORDINATOR_EMAIL} / "
        f"{DEMO_COORDINATOR_PASSWORD}"
    )
