"""Realistic fake tickets for demos and benchmarks, loaded with PostgreSQL COPY.

Titles and descriptions are built from per-category templates filled from word lists
(a few hundred English words plus a few thousand product, company and feature names),
so full-text search sees both very common words ("account", "error") and rare ones
(a product name). Every category, priority and status appears; creation dates spread
over two years, older tickets mostly resolved or closed; about 70% carry an AI
suggestion, some of which the agent overrode.

The same seed gives the same tickets; dates are relative to `end` (by default the
start of the current UTC day), so only they move from one day to the next.
"""

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

from django.db import connection, transaction

from .models import Category, Status

SPAN = timedelta(days=730)
COLUMNS = (
    "title",
    "description",
    "category",
    "priority",
    "status",
    "created_at",
    "updated_at",
    "ai_category",
    "ai_priority",
    "ai_category_confidence",
    "ai_priority_confidence",
    "ai_provider",
)
# Below this many rows, keeping the search index up to date while loading is cheaper
# than building it again.
REBUILD_SEARCH_INDEX_FROM = 50_000
SEARCH_INDEX = "ticket_search_idx"
COPY_BATCH = 20_000

CATEGORY_WEIGHTS = {"technical": 35, "billing": 25, "account": 25, "general": 15}
PRIORITY_WEIGHTS = {"low": 30, "medium": 40, "high": 22, "critical": 8}
AI_SHARE = 0.7
AI_CATEGORY_KEPT = 0.85
AI_PRIORITY_KEPT = 0.75


def _words(text: str) -> list[str]:
    return text.split()


NOUNS = _words("""
    account address alert app archive attachment backup badge balance bank banner batch bill
    browser bucket budget button cache calendar camera card cart certificate channel chart
    checkout client cluster code column comment connection contact contract cookie coupon
    credential credit customer dashboard database deadline deposit device discount document
    domain download draft driver email endpoint entry estimate event export feature feed field
    file filter firewall folder form gateway graph group header history image import inbox
    index installer integration invoice key keyboard label laptop layout license limit link
    list log login mailbox manager map member menu message meeting migration mobile modal
    module monitor network notification order page password payment payout permission phone
    photo plan plugin policy portal preference price printer profile project proxy purchase
    quota quote receipt record refund region release reminder report request reservation role
    router schedule screen script search server session setting share sheet shipment signature
    sitemap snapshot socket spreadsheet statement storage subscription summary survey sync
    table tablet task tax team template tenant theme thread ticket timeline timezone token
    tool transaction transfer trial upload user username vendor version video voucher wallet
    webhook widget window workflow workspace
""")
VERBS = _words("""
    archive block break change charge click close connect crash delete deploy disable download
    duplicate edit enable expire export fail fix freeze hang import install load lock log merge
    migrate move open pay print process publish receive refresh reject reload remove rename
    renew reset restart restore retry return save schedule send share show sign start stop
    submit sync transfer unlock update upgrade upload validate verify
""")
ADJECTIVES = _words("""
    annual blank broken corrupted current default different disabled double duplicate empty
    expired extra failed frozen hidden huge incorrect invalid late locked main missing monthly
    new old outdated partial pending previous primary recent recurring red secondary shared
    slow stale strange sudden temporary unexpected unknown unusual weekly wrong yearly
""")
PLACES = _words("""
    Amsterdam Athens Austin Barcelona Berlin Bogota Boston Brisbane Brussels Cairo Chicago
    Denver Dublin Geneva Hamburg Helsinki Istanbul Jakarta Johannesburg Kyoto Lagos Lima Lisbon
    London Lyon Madrid Manila Melbourne Miami Milan Montreal Mumbai Munich Nairobi Oslo Paris
    Prague Quebec Riga Rome Santiago Seattle Seoul Singapore Stockholm Sydney Taipei Tokyo
    Toronto Vancouver Vienna Warsaw Zurich
""")
BROWSERS = _words("Chrome Firefox Safari Edge Opera Brave Vivaldi")
SYSTEMS = _words("Windows macOS Linux Android iOS ChromeOS Ubuntu Fedora Debian iPadOS")
MONTHS = _words(
    "January February March April May June July August September October November December"
)
WEEKDAYS = _words("Monday Tuesday Wednesday Thursday Friday Saturday Sunday")
PEOPLE = _words("""
    Alice Amir Ana Ben Carla Chen Diego Elena Emma Fatima Hana Ivan James Jonas Julia Kai
    Laura Leo Lina Marco Maria Mei Nadia Noah Olga Omar Paula Priya Rahul Rosa Sam Sara
    Sofia Tom Yuki Zoe
""")
OPENERS = [
    "Hello,",
    "Hi team,",
    "Good morning,",
    "Hi support,",
    "Dear support team,",
    "Hey there,",
    "Hello again,",
    "",
    "",
]
CLOSERS = [
    "Thanks in advance.",
    "Please help.",
    "Any help is appreciated.",
    "Let me know if you need more details.",
    "This is blocking my work.",
    "Kind regards.",
    "Thank you.",
    "Can someone look at this today?",
    "",
]

SYLLABLES_START = _words("Ar Bel Cor Dra El Fen Gal Hex Ion Jor Kal Lum Mar Nex Or Pol Quin Ros")
SYLLABLES_MIDDLE = _words("a e i o u ar en il or us an ex")
SYLLABLES_END = _words("bix dor fy gen lab lex lio mo nix ra sync tal tron va ware wise x zo")


def product_names() -> list[str]:
    """A few thousand made-up product and company names (the rare words of the corpus)."""
    return [
        start + middle + end
        for start in SYLLABLES_START
        for middle in SYLLABLES_MIDDLE
        for end in SYLLABLES_END
    ]


TEMPLATES: dict[str, tuple[list[str], list[str]]] = {
    Category.BILLING: (
        [
            "Charged twice for my {plan} subscription",
            "Refund request for invoice {number}",
            "Wrong amount on the {month} invoice",
            "Payment failed with my {card} card",
            "Cannot download receipt for order {number}",
            "Question about {adjective} charge from {product}",
            "Discount code not applied at checkout",
            "Need a VAT invoice for {place} office",
        ],
        [
            "I was charged {amount} twice on {weekday} for the {plan} plan.",
            "The invoice {number} shows {amount} but our contract says otherwise.",
            "My {card} card was declined although the balance is fine.",
            "Please refund the {adjective} payment made on {month} {day}.",
            "We upgraded to {product} {plan} and the price on the statement is wrong.",
            "The billing page keeps showing a {adjective} balance after payment.",
            "Our finance team in {place} needs the receipts for the last {day} months.",
            "The coupon for {product} was accepted but the total did not change.",
        ],
    ),
    Category.TECHNICAL: (
        [
            "{product} crashes when I {verb} a {noun}",
            "Error {number} on the {noun} page",
            "Cannot {verb} the {noun} in {browser}",
            "{product} is very slow since the last update",
            "Sync between {system} and the web app is broken",
            "Webhook to {product} returns error {number}",
            "The {noun} export produces a {adjective} file",
            "App freezes on {system} after login",
        ],
        [
            "When I try to {verb} the {noun} the app shows error {number}.",
            "It happens in {browser} on {system} but not on my phone.",
            "Since {weekday} the {noun} takes minutes to load.",
            "The {adjective} {noun} appears every time I {verb} a {noun2}.",
            "Our integration with {product} stopped working after the {month} release.",
            "I cleared the cache and restarted the {device} but nothing changed.",
            "The logs show a timeout when the server tries to {verb} the {noun}.",
            "Steps to reproduce: open the {noun}, {verb} it, then refresh the page.",
        ],
    ),
    Category.ACCOUNT: (
        [
            "Cannot login to my account",
            "Password reset email never arrives",
            "Please unlock the account of {person}",
            "Two-factor code not accepted on {system}",
            "Change the owner of the {product} workspace",
            "Add {person} to our team",
            "Account locked after too many attempts",
            "Need to delete my {product} profile",
        ],
        [
            "I am unable to login to my account since {weekday}.",
            "The password reset link says it has expired.",
            "My colleague {person} left and we need to transfer the {noun} to {person2}.",
            "The two-factor code from my {device} is rejected every time.",
            "Please change the email address of our {product} account.",
            "After the {month} update my username is no longer recognized.",
            "We need admin permission for the {noun} settings in {place}.",
            "The account shows {an_adjective} role and I cannot open the {noun}.",
        ],
    ),
    Category.GENERAL: (
        [
            "Question about the {noun} feature",
            "Feedback on the new {noun} layout",
            "How do I {verb} a {noun}?",
            "Feature request: {adjective} {noun} view",
            "Where can I find the {product} documentation?",
            "Office hours in {place}",
            "Suggestion for the {noun} page",
            "Is there a {system} app?",
        ],
        [
            "I would like to know how to {verb} the {noun} from the dashboard.",
            "Our team in {place} loves {product}, but the {noun} page is confusing.",
            "Could you add {an_adjective} {noun} view to the next release?",
            "Is it possible to {verb} several {noun2}s at once?",
            "We are evaluating {product} for {number} users and have a few questions.",
            "The documentation about the {noun} seems {adjective}.",
            "Having {an_adjective} {noun} option would help our {month} planning.",
            "Do you plan to support {system} soon?",
        ],
    ),
}


class TicketRows:
    """Deterministic stream of ticket rows (tuples in COLUMNS order)."""

    def __init__(self, *, seed: int, end: datetime):
        self.random = random.Random(seed)  # noqa: S311 - fake data, not secrets
        self.end = end
        self.products = product_names()
        self.categories = list(CATEGORY_WEIGHTS)
        self.category_weights = list(CATEGORY_WEIGHTS.values())
        self.priorities = list(PRIORITY_WEIGHTS)
        self.priority_weights = list(PRIORITY_WEIGHTS.values())

    def _slots(self) -> dict:
        pick = self.random.choice
        return {
            "noun": pick(NOUNS),
            "noun2": pick(NOUNS),
            "verb": pick(VERBS),
            "adjective": (adjective := pick(ADJECTIVES)),
            "an_adjective": ("an " if adjective[0] in "aeiou" else "a ") + adjective,
            "product": pick(self.products),
            "place": pick(PLACES),
            "browser": pick(BROWSERS),
            "system": pick(SYSTEMS),
            "device": pick(["phone", "laptop", "tablet", "desktop", "watch"]),
            "month": pick(MONTHS),
            "weekday": pick(WEEKDAYS),
            "person": pick(PEOPLE),
            "person2": pick(PEOPLE),
            "plan": pick(["Basic", "Team", "Business", "Enterprise", "Starter", "Pro"]),
            "card": pick(["Visa", "Mastercard", "Amex", "debit", "corporate"]),
            "number": self.random.randint(100, 99999),
            "amount": f"${self.random.randint(5, 2000)}.{self.random.randint(0, 99):02d}",
            "day": self.random.randint(1, 28),
        }

    def _text(self, category: str) -> tuple[str, str]:
        titles, sentences = TEMPLATES[category]
        slots = self._slots()
        title = self.random.choice(titles).format(**slots)
        count = self.random.randint(2, 5)
        body = [s.format(**slots) for s in self.random.sample(sentences, count)]
        opener, closer = self.random.choice(OPENERS), self.random.choice(CLOSERS)
        description = " ".join(part for part in (opener, *body, closer) if part)
        return title[0].upper() + title[1:], description

    def _status(self, age: timedelta) -> str:
        roll = self.random.random()
        if age < timedelta(days=3):
            weights = (0.6, 0.3, 0.08)
        elif age < timedelta(days=30):
            weights = (0.25, 0.2, 0.35)
        else:
            weights = (0.03, 0.02, 0.35)
        if roll < weights[0]:
            return Status.OPEN
        if roll < weights[0] + weights[1]:
            return Status.IN_PROGRESS
        if roll < weights[0] + weights[1] + weights[2]:
            return Status.RESOLVED
        return Status.CLOSED

    def _other(self, value: str, values: list[str]) -> str:
        return self.random.choice([v for v in values if v != value])

    def rows(self, count: int) -> Iterator[tuple]:
        """`count` rows, oldest first, spread evenly over SPAN before `end`."""
        start = self.end - SPAN
        step = SPAN / max(count, 1)
        rand = self.random
        for index in range(count):
            created = start + step * (index + rand.random())
            category = rand.choices(self.categories, self.category_weights)[0]
            priority = rand.choices(self.priorities, self.priority_weights)[0]
            title, description = self._text(category)
            status = self._status(self.end - created)
            updated = created + timedelta(minutes=rand.randint(0, 60 * 24 * 7))
            ai: tuple = (None, None, None, None, None)
            if rand.random() < AI_SHARE:
                ai_category, ai_priority = category, priority
                if rand.random() > AI_CATEGORY_KEPT:
                    ai_category = self._other(category, self.categories)
                if rand.random() > AI_PRIORITY_KEPT:
                    ai_priority = self._other(priority, self.priorities)
                provider = rand.choice(["local", "local", "openai", "anthropic"])
                confidences = (round(rand.uniform(0.3, 0.99), 2), round(rand.uniform(0.3, 0.99), 2))
                ai = (ai_category, ai_priority, *confidences, provider)
            yield (title, description, category, priority, status, created, updated, *ai)


def default_end() -> datetime:
    return datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)


def seed_tickets(
    *, count: int, seed: int = 1, clear: bool = False, end: datetime | None = None, progress=None
) -> None:
    """Insert `count` generated tickets with COPY, in one transaction.

    `clear` empties the table first (TRUNCATE, ids restart). When the table is empty and
    the load is big, the full-text index is dropped and built again after the load.
    `progress` is called with the number of rows written after each batch.
    """
    rows = TicketRows(seed=seed, end=end or default_end()).rows(count)
    with transaction.atomic(), connection.cursor() as cursor:
        if clear:
            cursor.execute("TRUNCATE tickets_ticket RESTART IDENTITY")
        cursor.execute("SELECT NOT EXISTS (SELECT 1 FROM tickets_ticket)")
        rebuild = count >= REBUILD_SEARCH_INDEX_FROM and cursor.fetchone()[0]
        index_sql = None
        if rebuild:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [SEARCH_INDEX])
            found = cursor.fetchone()
            if found:
                index_sql = found[0]
                cursor.execute(f'DROP INDEX "{SEARCH_INDEX}"')
        written = 0
        while written < count:
            batch = min(COPY_BATCH, count - written)
            with cursor.cursor.copy(
                f"COPY tickets_ticket ({', '.join(COLUMNS)}) FROM STDIN"
            ) as copy:
                for _ in range(batch):
                    copy.write_row(next(rows))
            written += batch
            if progress:
                progress(batch)
        if index_sql:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            cursor.execute(index_sql)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE tickets_ticket")
