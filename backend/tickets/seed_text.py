"""Words and templates for the fake tickets of tickets/seeding.py (English, varied enough
that full-text search meets both very common words and rare ones such as product names)."""

from .models import Category


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


# Conversation: what agents and requesters write, and the notes agents leave each other.
AGENT_REPLIES = [
    "Hi {person}, thanks for reaching out. I've asked our {noun} team to look into it.",
    "Thanks for the details. Could you send a screenshot of the {noun} page from {browser}?",
    "We found the cause: a {adjective} {noun} on {product}. A fix ships on {weekday}.",
    "I've refunded {amount} to your {card} card; it shows within five working days.",
    "Your {noun} is working again. Please let us know if anything still looks {adjective}.",
    "Could you try again from {system}? We changed how the {noun} loads yesterday.",
    "I've reset the {noun} for your account. You can sign in from {place} again.",
    "Sorry for the wait. The {product} {noun} was {adjective}; it is fixed now.",
]
REQUESTER_REPLIES = [
    "Any update on this? The {noun} still {verb} on {product}.",
    "Thanks, that worked! The {noun} loads fine now.",
    "It happened again this {weekday} around {day}:00, from {system}.",
    "Here is the invoice number you asked for: {number}.",
    "Still broken for {person2} in our {place} office, same {adjective} {noun}.",
    "Thank you {person}, much appreciated.",
]
INTERNAL_NOTES = [
    "Checked the logs for {product}: {adjective} {noun} errors since {weekday}. Escalating.",
    "Known issue, linked to the {noun} incident. Waiting on engineering.",
    "Customer is on the {plan} plan; refund of {amount} approved by {person2}.",
    "Could not reproduce on {browser} / {system}. Asked for more details.",
    "VIP account, please keep {person} updated daily.",
]
