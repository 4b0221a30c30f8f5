"""The test kit's one set of factories: one factory per model, plus the steps that make
objects through the services as people do (``make_slot``, ``make_need``, ``ask``…).

Tests import from here: ``from tests.factories import UserFactory, make_shift``. Each
module holds one app's factories; names are unique across the package.
"""

from tests.factories.accounts import (
    PASSWORD,
    UserFactory,
)
from tests.factories.activities import (
    ActivityFactory,
    local_date_in,
    one_off,
    weekly,
)
from tests.factories.booking import (
    ExampleSessionFactory,
    make_slot,
)
from tests.factories.certificates import (
    approved_hours,
    issue,
)
from tests.factories.childsafety import (
    children_opportunity,
    help_on,
    local,
    shift_on,
    sign_up,
    soon,
)
from tests.factories.comments import (
    CommentFactory,
    DiscussionFactory,
)
from tests.factories.ideas import (
    answer_status,
    propose_idea,
)
from tests.factories.needs import (
    make_need,
    make_volunteer,
    next_weekday_at,
)
from tests.factories.organisations import (
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    coordinator_of,
    make_municipal_staff,
)
from tests.factories.proposals import (
    signer,
    write_proposal,
)
from tests.factories.reference import (
    AgeGroupFactory,
    InterestFactory,
    LanguageFactory,
    TownFactory,
    town,
)
from tests.factories.results import (
    IndicatorFactory,
    InitiativeLinkFactory,
    compute_declared,
    declared_indicator,
    local_moment,
    only_indicators,
    record,
)
from tests.factories.vision import (
    AmbitionFactory,
    FocusAreaFactory,
    InitiativeFactory,
    InitiativeStatusFactory,
    MilestoneFactory,
    ResultStoryFactory,
    VisionFactory,
)
from tests.factories.visiting import (
    arabic,
    ask,
    danish,
    interest,
    volunteer_offer,
)
from tests.factories.volunteering import (
    HoursEntryFactory,
    OpportunityFactory,
    SkillFactory,
    make_shift,
)

__all__ = [
    "PASSWORD",
    "ActivityFactory",
    "AgeGroupFactory",
    "AmbitionFactory",
    "CommentFactory",
    "DiscussionFactory",
    "ExampleSessionFactory",
    "FocusAreaFactory",
    "HoursEntryFactory",
    "IndicatorFactory",
    "InitiativeFactory",
    "InitiativeLinkFactory",
    "InitiativeStatusFactory",
    "InterestFactory",
    "InvitationFactory",
    "LanguageFactory",
    "MembershipFactory",
    "MilestoneFactory",
    "OpportunityFactory",
    "OrganisationFactory",
    "ResultStoryFactory",
    "SkillFactory",
    "TownFactory",
    "UserFactory",
    "VisionFactory",
    "answer_status",
    "approved_hours",
    "arabic",
    "ask",
    "children_opportunity",
    "compute_declared",
    "coordinator_of",
    "danish",
    "declared_indicator",
    "help_on",
    "interest",
    "issue",
    "local",
    "local_date_in",
    "local_moment",
    "make_municipal_staff",
    "make_need",
    "make_shift",
    "make_slot",
    "make_volunteer",
    "next_weekday_at",
    "one_off",
    "only_indicators",
    "propose_idea",
    "record",
    "shift_on",
    "sign_up",
    "signer",
    "soon",
    "town",
    "volunteer_offer",
    "weekly",
    "write_proposal",
]
