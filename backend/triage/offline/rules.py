"""Hand-written topic and urgency rules.

Each rule is a regular expression over the normalised ticket text (lower case, see
``features.normalise``). A rule that matches adds a feature named ``R:<name>`` to the ticket's
feature vector, so the learned models decide how much each rule is worth. A few urgency rules
are strong enough to also set a floor on the predicted priority (see ``priority_floor``).

Keep patterns specific: a rule that fires on everyday words teaches the model nothing.
"""

from __future__ import annotations

import re

# --- topic rules: evidence for a category -------------------------------------------------

_TOPIC_PATTERNS: dict[str, str] = {
    "billing_money": (
        r"\b(charg(e|es|ed|ing)|refund(s|ed|ing)?|invoic(e|es|ed|ing)|receipts?|billing|billed"
        r"|bill|payments?|paid|pay|debit(ed)?|overcharg\w*|credit note|chargeback|vat|sales tax"
        r"|pric(e|es|ing)|discount|coupon|promo code|subscription fee|late fee|proration|pro-?rated"
        r"|quote|purchase order|installments?|card (was )?declined|bank statement|my card"
        r"|credit card|\$ ?\d|\d ?(usd|eur|gbp)|€ ?\d|£ ?\d)\b"
    ),
    "billing_double": (
        r"\b(charged|billed|debited|paid|charging)\b.{0,30}\b(twice|two times|2 times|double"
        r"|three times|3 times|4 times|four times|again)\b|\bdouble[- ]charg|\bduplicate"
        r" (charge|payment|invoice|subscription)"
        r"|\b(twice|two times|double|\d+ times)\b.{0,20}\b(charged|billed|debited)\b"
        r"|\b(charged|billed|debited)\b.{0,20}\b\d+ times\b"
    ),
    "account_access": (
        r"\b(log ?in|logging in|log on|sign ?in|signing in|password|passcode|2fa|two[- ]factor"
        r"|two[- ]step|mfa|authenticator|sso|saml|okta|single sign[- ]on|locked out|lock(ed)? my"
        r" account|account (is |was )?(locked|suspended|disabled|deactivated|blocked)"
        r"|verification (email|code|link)|verify (my )?email|reset link|magic link"
        r"|security key|yubikey|backup codes?)\b"
    ),
    "account_admin": (
        r"\b(my account|our account|user account|account settings|profile|username|display name"
        r"|email address|login email|change (my |the )?email|invite(d|s)?|invitation|permissions?"
        r"|roles?|admin rights|admin access|ownership|owner|delete (my )?account"
        r"|close (my )?account"
        r"|deactivate|reactivate|merge (two |the |my )?accounts|gdpr|personal data"
        r"|access to (the |our )?(workspace|account|project)|seats?|members?)\b"
    ),
    "account_takeover": (
        r"\b(hack(ed|er|ers)?|compromised|account takeover|taken over|took over|hijack(ed)?"
        r"|someone (else )?(got into|logged into|accessed|is using|changed)|unauthori[sz]ed"
        r" (access|login|admin)|not me|wasn'?t me|didn'?t do this)\b"
    ),
    "technical_failure": (
        r"\b(error|errors|bug|bugs|crash(es|ed|ing)?|freez(e|es|ing)|frozen|broken|not (working"
        r"|loading|syncing|responding)|doesn'?t (work|load)|won'?t (load|open|start|work)"
        r"|stopped working|fails?|failed|failing|failure|timeouts?|timed out|exception|stack trace"
        r"|blank (page|screen)|white screen|glitch|outage|down|offline|unreachable|unavailable"
        r"|slow|lag(gy)?|latency|[45]\d\d)\b"
    ),
    "technical_system": (
        r"\b(api|sdk|webhooks?|endpoint|server|servers|database|db|sync(ing|ed)?|integration"
        r"|plugin|extension|app|browser|chrome|firefox|safari|android|ios|iphone|ipad|windows"
        r"|mac|linux|firmware|driver|update|upgrade to version|version \d|deploy(ment)?|dns|ssl"
        r"|certificate|vpn|wifi|bluetooth|printer|device|export|import|upload|download|csv|pdf"
        r"|dashboard|report|notifications?|emails? (are )?not (being )?(sent|delivered)|cache)\b"
    ),
    "general_order": (
        r"\b(order|orders|ordered|deliver(y|ed)|shipping|shipped|ship|parcel|package|courier"
        r"|tracking|track my|return(ed|s)?|exchange|replacement|warranty|out of stock|in stock"
        r"|size|damaged|missing (item|part)s?|arrived)\b"
    ),
    "general_inquiry": (
        r"\b(feature request|suggestion|suggest|would be (nice|great|useful|helpful)|it would be"
        r"|please add|could you add|feedback|thank you|thanks for|love the|great (job|service)"
        r"|compliment|complaint|demo|partner(ship)?|reseller|affiliate|press|journalist|career"
        r"|hiring|job|webinar|newsletter|unsubscribe|mailing list|opening hours|support hours"
        r"|roadmap|documentation|tutorials?|case study|sponsor\w*|do you (offer|have|ship|sell"
        r"|support)|is there (a|an)|where are you|compliance|certifi\w+|soc ?2|iso ?27001)\b"
    ),
}

# --- urgency rules: evidence for a priority ------------------------------------------------

_URGENCY_PATTERNS: dict[str, str] = {
    # how many are hit
    "scale_all": (
        r"\b(all (of )?(our |the )?(users|customers|clients|employees|staff|members|people"
        r"|merchants|subscribers|sellers|patients|orders|transactions|payments|servers|locations"
        r"|accounts|data|files|records)|every (single )?(user|customer|order|transaction|payment"
        r"|request|call|visitor|one|subscriber|renewal)|everyone|everybody|nobody|no one|none of"
        r"|entire|whole (company|team|site|platform|office|organi[sz]ation|service)"
        r"|company[- ]wide|across the (company|organi[sz]ation)|everything|nothing (works|loads)"
        r"|(hundreds|thousands) of|for any(one|body)|mass (issue|outage)|worldwide"
        r"|(half|most|many) of (our |my |the )?(users|customers|clients|employees|staff|members"
        r"|orders|payments|transactions|accounts|sales)"
        r"|\d{2,}[,\d]* (users|customers|employees|people|staff|merchants|subscribers|accounts"
        r"|orders|records|clients|members|transactions))\b"
    ),
    "outage": (
        r"\b(outage|(is|are|went|goes|been|completely|totally|site|website|service|platform|app"
        r"|production|prod|server|servers|api|everything) (is )?(down|offline|unreachable"
        r"|unavailable)|down for|full outage|major incident|502|503|service unavailable"
        r"|nothing (works|loads|responds)|not responding|ddos)\b"
    ),
    "production": r"\b(production|prod|live site|our (shop|store|website|site|platform))\b",
    "data_wiped": (
        r"\b((deleted|wiped|erased) (all|every|everything)|all .{0,25}(gone|deleted|disappeared"
        r"|vanished|wiped|erased)|everything (is |was |has been )?(gone|deleted|wiped|erased)"
        r"|(wiped|erased) (out|clean))\b"
    ),
    "data_loss": (
        r"\b(data loss|lost (all|our|my|the) (data|files|records|orders|documents)|(data|files"
        r"|records|orders|documents|customers|projects|history|notes|contacts|tickets|photos"
        r"|messages|folders|tasks|boards|workspace) (are |is |were |was |have |has |seem to have"
        r" )?(been )?(all )?(gone|disappeared|vanished|missing|deleted|wiped|lost|empty|blank)"
        r"|(deleted|wiped|erased) (all|every)|all .{0,20}(gone|deleted|disappeared|vanished|wiped)"
        r"|corrupt(ed|ion)?|wiped|disappeared|vanished)\b"
    ),
    "security": (
        r"\b(security (breach|incident|vulnerability)|breach(ed)?|hack(ed|er|ers)?"
        r"|compromised|ransom(ware)?|malware|phishing|leaked|leaking|exposed|exposure"
        r"|(data|information|password|credential)s? leaks?|account takeover|taken over|took over"
        r"|hijack(ed)?|stolen account|account (was |got )?stolen|intrusion|attack(er|ers)?"
        r"|ddos)\b"
    ),
    "suspicious": (
        r"\b(unauthori[sz]ed (access|admin|login|logins|user)|suspicious (activity|login|logins)"
        r"|someone (else )?(got into|logged into|accessed|is using|changed)|not me|wasn'?t me"
        r"|didn'?t do this|unknown (device|ip|location|admin|user)s?)\b"
    ),
    "money_at_scale": (
        r"\b(losing (money|sales|orders|revenue|thousands)|zero revenue"
        r"|can'?t (take|accept|process) (any )?payments"
        r"|no (one|body) can (pay|checkout|check out|buy|purchase))\b"
    ),
    "emergency": r"\b(emergency|critical|sev ?1|p1|escalate|top priority)\b",
    "urgent": (
        r"\b(urgent(ly)?|asap|a\.s\.a\.p|immediately|right away|right now|now!|as soon as possible"
        r"|today|this morning|tonight|deadline|tomorrow|within the hour|in an hour)\b|!!"
    ),
    "blocked": (
        r"\b(can'?t|cannot|can not|unable to|not able to|couldn'?t) (log ?in|sign ?in|access|use"
        r"|work|open|get (in|into)|save|send|upload|process|complete|connect|pay)\b|\blocked out"
        r"\b|\b(nobody|no one|none of [\w ]{0,40}) can\b"
        r"\b|\b(completely )?blocked\b|\bat all\b|\bno workaround\b|\bstuck\b"
        r"|\b(can'?t|cannot|can not) do (my|our|any) (job|work)\b|\bno access\b"
    ),
    "broken": (
        r"\b(crash(es|ed|ing)?|broken|stopped (working|syncing|sending)|not working|fails?"
        r"|failed|failing|error|errors|won'?t (start|open|load|turn on|power on))\b"
    ),
    "wrong_money": (
        r"\b(charged (twice|two times|\d+ times|three times|four times|again)|double[- ]charg\w*"
        r"|(twice|two times|\d+ times) (charged|billed|debited)"
        r"|duplicate (charge|payment)s?|unauthori[sz]ed (charge|payment)s?|fraud\w*"
        r"|charged after cancel\w*|overcharg\w*|don'?t recogni[sz]e|never (signed|ordered"
        r"|authori[sz]ed)"
        # money taken wrongly, said in other ways
        r"|(charged|billed|debited|renewed)\b.{0,40}\b(instead of"
        r"|without (my |our |any )?"
        r"(permission|consent|approval|asking)|after (i|we) cancel\w*"
        r"|for a service (i|we) cancel\w*)"
        r"|charged (me |us )?for (\d+|two|three) (years|months|licen[cs]es|seats)"
        r"|(unknown|unrecogni[sz]ed|mystery|unexpected) (charge|payment|debit)s?"
        r"|nobody (approved|authori[sz]ed)"
        r"|(i|we) (did not|didn'?t|never) (approve|authori[sz]e|agree)"
        r"|refund\w* (went|was sent|sent) to (the )?wrong|charging (an? )?old card"
        r"|money (back|taken)\b.{0,30}\b(cancel\w*|never|wrong\w*))\b"
    ),
    "partial": (
        r"\b(sometimes|occasionally|intermittent(ly)?|some (users|customers|pages)|workaround"
        r"|for now|refresh(ing)?|minor|a bit|slightly|not blocking)\b"
    ),
    "question": (
        r"\b(how (do|can|does|long|much|many) |is (it|there) (possible|a|an)|do you (offer|have"
        r"|support|ship|sell|accept|take)|can i |could you (tell|explain|clarify)|what (is|are)"
        r"|where (can|do|is|are) |which |just wondering|quick question|curious|wondering)\b"
    ),
    "wish": (
        r"\b(feature request|suggestion|would (be|love) (nice|great|helpful|useful|really|if)?"
        r"|would love|it would be|nice to have|please (add|consider)|could you add|idea|wish"
        r"|feedback|thank(s| you)|love (the|your|it)|great (job|work|service)|kudos|compliment)\b"
    ),
    "praise_words": (
        r"\b(great|wonderful|fantastic|amazing|brilliant|perfect|lovely|superb|world[- ]class"
        r"|love (how|that|it when)|thanks a lot|thanks for nothing|really appreciate|just what i"
        r" needed|well done|bravo|/s)\b"
    ),
    "cosmetic": (
        r"\b(typo|cosmetic|misaligned|alignment|font|colou?rs?|contrast|icon|blurry|spelling"
        r"|translation|tooltip|not urgent|no rush|not a big deal|minor thing|when you get a chance"
        r"|small thing)\b"
    ),
}

_TOPIC = [(name, re.compile(p)) for name, p in _TOPIC_PATTERNS.items()]
_URGENCY = [(name, re.compile(p)) for name, p in _URGENCY_PATTERNS.items()]

TOPIC_RULES = frozenset(_TOPIC_PATTERNS)
RULE_NAMES = tuple(n for n, _ in _TOPIC) + tuple(n for n, _ in _URGENCY)


def rule_hits(text: str) -> list[str]:
    """Names of the rules that match the normalised ``text``."""
    hits = [name for name, rx in _TOPIC if rx.search(text)]
    hits.extend(name for name, rx in _URGENCY if rx.search(text))
    # combinations that mean more together than apart
    hit = set(hits)
    if "scale_all" in hit and (hit & {"outage", "broken", "blocked", "data_loss"}):
        hits.append("scale_x_failure")
    if "production" in hit and (hit & {"outage", "broken", "data_loss"}):
        hits.append("prod_x_failure")
    # "Great, it crashed again": praise around a failure is sarcasm, not thanks
    if "praise_words" in hit and (hit & {"broken", "outage", "data_loss", "wrong_money"}):
        hits.append("sarcasm")
    return hits


def priority_floor(hits: list[str]) -> str | None:
    """A minimum priority implied by unmistakable urgency signals, or None.

    ``critical``: a security compromise (hacked, breach, ransomware, data exposed), an outage
    or failure that hits everyone, many people blocked from signing in or working, data loss
    at scale or wholesale ("all our data is gone"), or money going wrong for many customers.
    ``high``: data loss, suspicious access or a wrong charge on its own. Otherwise the learned
    model decides alone.
    """
    hit = set(hits)
    at_scale = "scale_all" in hit
    if "security" in hit:
        return "critical"
    if at_scale and (hit & {"outage", "data_loss", "wrong_money", "money_at_scale"}):
        return "critical"
    if "data_wiped" in hit:
        return "critical"
    # many people blocked from signing in or working at all
    if at_scale and "blocked" in hit and (hit & {"broken", "account_access", "outage"}):
        return "critical"
    if "prod_x_failure" in hit and "outage" in hit:
        return "critical"
    if hit & {"data_loss", "suspicious", "wrong_money", "money_at_scale", "scale_x_failure"}:
        return "high"
    return None
