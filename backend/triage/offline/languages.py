"""Which language a ticket is written in, and a word-by-word English gloss of it.

The models learn mostly from English tickets. A ticket in German, Spanish, French, Italian,
Portuguese, Dutch, Polish or Swedish is first glossed: short phrases that carry triage
meaning ("no puedo", "funktioniert nicht") become English phrases, then each word found in
that language's glossary is replaced by its English meaning, and words not found stay as
they are. The gloss is no translation, but it puts "Rechnung", "factura" and "fattura" on the
feature ``invoice`` and lets the English urgency rules read "alle Daten sind weg" as
"all data are gone". The glossaries cover support vocabulary only; they are hand-written
and checked by the curated examples in each language.

``detect`` names the language (ISO 639-1) from its script, or for Latin-script text from its
most frequent function words; ``None`` when the text is too short or too mixed to tell.
"""

from __future__ import annotations

import re
import unicodedata

# --- detection ---------------------------------------------------------------------------

# Scripts that name a language on their own (or the most likely one for a support desk).
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("ja", r"[\u3040-\u30ff]"),  # kana: Japanese even when mixed with kanji
    ("ko", r"[\uac00-\ud7af\u1100-\u11ff]"),
    ("zh", r"[\u4e00-\u9fff]"),
    ("uk", r"[іїєґІЇЄҐ]"),
    ("ru", r"[\u0400-\u04ff]"),
    ("el", r"[\u0370-\u03ff]"),
    ("he", r"[\u0590-\u05ff]"),
    ("ar", r"[\u0600-\u06ff]"),
    ("hi", r"[\u0900-\u097f]"),
    ("th", r"[\u0e00-\u0e7f]"),
)
_SCRIPT_RX = [(code, re.compile(pattern)) for code, pattern in _SCRIPTS]

# Frequent function words, accents folded. A word listed for two languages counts for both.
_FUNCTION_WORDS = {
    "en": "the and is are was not this that with for have has our you your it we of to my "
    "can there from been please would since all i do a in on be what how get when after me "
    "but an at or if just i'm i've don't can't it's won't any",
    "de": "der die das und ist nicht ich wir ein eine mit auf fur den dem des sie es bitte "
    "kann keine mein meine unser unsere seit wurde haben hat auch noch wie bei zu",
    "es": "el la los las que y de no es por para con una un mi nuestro nuestra se lo pero "
    "esta este hay desde muy como del al su sus favor",
    "fr": "le la les et est pas je nous un une des du de pour avec sur ne mon ma mes notre "
    "nos vous il elle depuis plus que qui au aux ce cette",
    "it": "il lo la gli le e non che di un una per con del della mio mia nostro nostra sono "
    "questo questa da ho abbiamo ma come piu anche",
    "pt": "o os e nao que de um uma para com do da dos das meu minha nosso nossa sao "
    "esta isso por mas como tem foi",
    "nl": "de het een en is niet ik wij we van voor met op dat dit zijn mijn ons onze kan "
    "geen al sinds nog wel ook",
    "pl": "nie jest sie ze mam nasz nasza moje moj moja jak ale juz dla czy przez prosze "
    "jestem sa tak mnie mi",
    "sv": "och ar inte jag vi en ett det att med for pa som har min mitt var vara kan sedan "
    "nagon alla",
}
_FUNCTION = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")

# Letters that NFKD does not split into a base letter and an accent.
_FOLD = str.maketrans(
    {"ß": "ss", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "\u0131": "i"}
)


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents: "Zahlungsbestätigung" -> "zahlungsbestatigung"."""
    text = text.lower().translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def detect(text: str) -> str | None:
    """ISO 639-1 code of ``text``'s language, or None when it cannot be told.

    Non-Latin scripts name their language. Latin-script text scores each language by its
    function words, its glossary's support words and its distinctive letters (the first
    ``_DETECT_WORDS`` words are enough); the best score wins when it is clear.
    """
    sample = text[:2000]
    letters = sum(c.isalpha() for c in sample)
    if letters < 3:
        return None
    for code, rx in _SCRIPT_RX:
        if len(rx.findall(sample)) * 3 >= letters:
            return code
    words = _LATIN_WORD.findall(fold(sample))[:_DETECT_WORDS]
    if not words:
        return None
    lowered = sample.lower()
    scores = {}
    for lang, vocab in _FUNCTION.items():
        score = sum(w in vocab or _in_glossary(w, lang) for w in words)
        score += sum(1 for c in _LETTERS.get(lang, "") if c in lowered)
        scores[lang] = score
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0] != "en", kv[0]))
    (best, top), (_, second) = ranked[0], ranked[1]
    if top == 0:
        return None
    # English words inside other languages' tickets are common ("app", "login"); a tie
    # goes to English, and a tie between two other languages is no answer.
    if top == second and best != "en":
        return None
    if len(words) >= 6 and top < 2:
        return None
    return best


_DETECT_WORDS = 80
# Letters (before folding) that few other languages on the list use.
_LETTERS = {"pl": "ąęłńśźżć", "es": "ñ¿¡", "pt": "ãõ", "sv": "å", "de": "ß", "fr": "çœ"}
# Support words that say "English" the way the glossaries' words say their language.
_ENGLISH_SUPPORT = frozenset(
    [
        "invoice",
        "charged",
        "refund",
        "password",
        "login",
        "log",
        "account",
        "error",
        "broken",
        "working",
        "order",
        "delivery",
        "help",
        "thanks",
        "hi",
        "hello",
        "issue",
        "problem",
        "since",
        "customers",
        "users",
        "data",
        "billing",
        "subscription",
        "payment",
        "cannot",
        "unable",
        "urgent",
    ]
)


def _in_glossary(word: str, lang: str) -> bool:
    if lang == "en":
        return word in _ENGLISH_SUPPORT
    exact, prefixes = _TABLES[lang]
    if word in exact:
        return True
    return any(word[:n] in prefixes for n in _PREFIX_LENGTHS[lang] if n <= len(word))


# --- glossing ----------------------------------------------------------------------------

# Phrases first (after accent folding): negated ability and "does not work".
_PHRASES: dict[str, tuple[tuple[str, str], ...]] = {
    "de": (
        (r"\b(kann|kannst|konnen|konnte|konnten|darf)\b((?:\s+\w+){0,5}?)\s+nicht\b", r"cannot\2"),
        (
            r"\b(funktioniert|funktionieren|geht|gehen|lauft|laden?|ladt)\s+(\w+\s+)?nicht\b",
            r"not working",
        ),
        (r"\bnicht (mehr )?(erreichbar|verfugbar)\b", "down"),
        (r"\bkein(e|en)? zugriff\b", "no access"),
    ),
    "es": (
        (r"\bno (puedo|podemos|pueden|puede|consigo|conseguimos|logro)\b", "cannot"),
        (r"\bno (funciona|funcionan|carga|cargan|anda|responde)\b", "not working"),
        (r"\b(no|sin) acceso\b", "no access"),
        (r"\bcaid[oa]s?\b", "down"),
    ),
    "fr": (
        (
            r"\b(je|nous|on|ils|elles|il|elle) (ne |n')?(peux|pouvons|peut|peuvent|arrive|"
            r"arrivons|arrivent) (pas|plus)\b",
            "cannot",
        ),
        (r"\bimpossible d[e']\s?", "cannot "),
        (
            r"\bne (fonctionne|fonctionnent|marche|marchent|charge|repond) (pas|plus)\b",
            "not working",
        ),
        (r"\b(est|sont) en panne\b", "is down"),
        (r"\bhors service\b", "down"),
    ),
    "it": (
        (r"\bnon (riesco|riusciamo|riescono|posso|possiamo|possono|puo)\b", "cannot"),
        (r"\bnon (funziona|funzionano|carica|caricano|va|risponde)\b", "not working"),
        (r"\b(e|sono) (giu|fuori servizio)\b", "is down"),
    ),
    "pt": (
        (r"\bnao (consigo|conseguimos|conseguem|posso|podemos|podem|pode)\b", "cannot"),
        (r"\bnao (funciona|funcionam|carrega|carregam|abre|responde)\b", "not working"),
        (r"\b(esta|estao|caiu|fora do ar)\b ?(fora do ar|caido|caida)?", r"\1 \2"),
    ),
    "nl": (
        (r"\b(kan|kunnen|kon|konden)\b((?:\s+\w+){0,3}?)\s+niet\b", r"cannot\2"),
        (r"\b(werkt|werken|laadt|laden)\s+(\w+\s+)?niet\b", "not working"),
        (r"\bplat\b", "down"),
    ),
    "pl": (
        (r"\bnie (moge|mozemy|moga|mozna|moze|da sie)\b", "cannot"),
        (r"\bnie (dziala|dzialaja|laduje|odpowiada)\b", "not working"),
        (r"\bbrak dostepu\b", "no access"),
    ),
    "sv": (
        (r"\b(kan|kunde)\b((?:\s+\w+){0,2}?)\s+inte\b", r"cannot\2"),
        (r"\b(fungerar|funkar|laddar|startar)\s+(\w+\s+)?inte\b", "not working"),
        (r"\bnere\b", "down"),
    ),
}

# English meaning: words in that language. A trailing * matches any word that starts so
# ("rechnung*" also reads "Rechnungsadresse"); stems are kept at four letters or more.
_GLOSSARY: dict[str, dict[str, str]] = {
    "de": {
        "invoice": "rechnung* faktura*",
        "charged": "abgebucht belastet berechnet",
        "charge": "abbuchung* belastung*",
        "payment": "zahlung* bezahlung*",
        "pay": "zahlen bezahlen",
        "refund": "erstattung* ruckerstattung* zuruckerstatt* gutschrift*",
        "money": "geld",
        "price": "preis*",
        "subscription": "abo abos abonnement*",
        "twice": "zweimal doppelt",
        "card": "karte kreditkarte*",
        "cancel": "kundig* storn*",
        "account": "konto* kundenkonto*",
        "log in": "einloggen anmelden login anmeldung*",
        "password": "passwort* kennwort*",
        "locked": "gesperrt",
        "access": "zugang* zugriff*",
        "user": "benutzer* nutzer*",
        "email": "e-mail",
        "hacked": "gehackt",
        "unauthorized": "unbefugt*",
        "error": "fehler*",
        "crash": "absturz* absturzt sturzt",
        "broken": "kaputt defekt",
        "slow": "langsam",
        "down": "ausgefallen ausfall*",
        "outage": "storung*",
        "server": "server",
        "app": "app",
        "page": "seite",
        "data": "daten*",
        "files": "dateien datei",
        "projects": "projekte",
        "gone": "weg verschwunden",
        "deleted": "geloscht",
        "lost": "verloren",
        "all": "alle alles allen",
        "everyone": "jeder",
        "nobody": "niemand",
        "customers": "kunden",
        "employees": "mitarbeiter*",
        "company": "firma unternehmen",
        "urgent": "dringend* eilig",
        "immediately": "sofort",
        "today": "heute",
        "since": "seit",
        "hours": "stunden",
        "order": "bestellung* bestellt",
        "delivery": "lieferung* geliefert",
        "package": "paket*",
        "shipping": "versand*",
        "return": "rucksendung* zurucksenden",
        "damaged": "beschadigt",
        "question": "frage*",
        "how": "wie",
        "feature": "funktion",
        "would be nice": "ware_schon",
        "thank you": "danke",
        "security": "sicherheit*",
        "not": "nicht",
        "sync": "synchronis*",
        "export": "export*",
        "update": "aktualisier*",
        "blocked": "blockiert",
        "production": "produktion*",
        "address": "adresse",
        "discount": "rabatt*",
        "hangs": "hangt",
        "direct debit": "lastschrift*",
        "reminder": "mahnung*",
        "contract": "vertrag* vertrage",
        "billing": "abrechnung*",
        "voucher": "gutschein*",
        "credentials": "zugangsdaten",
        "username": "benutzername*",
        "code": "code",
        "two-factor": "zwei-faktor*",
        "tracking": "sendungsverfolgung* tracking",
        "exchange": "umtausch*",
        "leak": "datenleck* leck",
        "denied": "verweigert",
        "missing": "fehlt fehlen",
        "invoice amount": "betrag",
        "tax": "mwst steuer*",
        "quote": "angebot*",
        "help": "hilfe helfen",
        "please": "bitte",
        "wrong": "falsch* falsche",
        "cannot": "unmoglich",
        "everything": "alles",
        "nothing": "nichts",
        "works": "funktioniert lauft",
        "website": "webseite* website",
        "shop": "shop onlineshop",
        "photos": "fotos bilder",
        "upload": "hochlad*",
        "download": "herunterlad*",
        "settings": "einstellung*",
        "notification": "benachrichtigung*",
        "invite": "einladung* eingeladen",
        "role": "rolle* rechte",
        "delete": "losch*",
    },
    "es": {
        "invoice": "factura* facturacion",
        "charged": "cobrado cobraron cobrada",
        "charge": "cobro* cargo cargos cargo cobro",
        "payment": "pago pagos",
        "pay": "pagar",
        "refund": "reembolso* devolucion",
        "money": "dinero",
        "price": "precio*",
        "subscription": "suscripcion*",
        "twice": "dos_veces doble",
        "card": "tarjeta*",
        "cancel": "cancelar cancele",
        "account": "cuenta cuentas",
        "log in": "iniciar_sesion acceder entrar",
        "password": "contrasena* clave",
        "locked": "bloqueada bloqueado",
        "access": "acceso",
        "user": "usuario usuarios",
        "email": "correo",
        "hacked": "hackeada hackeado pirateada",
        "error": "error errores fallo",
        "crash": "cierra se_cierra",
        "broken": "roto rota",
        "slow": "lento lenta lentisimo",
        "server": "servidor*",
        "app": "aplicacion",
        "page": "pagina",
        "data": "datos",
        "files": "archivos ficheros",
        "projects": "proyectos",
        "gone": "desaparec*",
        "deleted": "borrado* eliminado*",
        "lost": "perdido* perdimos",
        "all": "todos todas todo",
        "nobody": "nadie",
        "customers": "clientes",
        "employees": "empleados",
        "company": "empresa",
        "urgent": "urgente*",
        "immediately": "inmediatamente",
        "today": "hoy",
        "since": "desde",
        "hours": "horas",
        "order": "pedido*",
        "delivery": "entrega* envio",
        "package": "paquete",
        "return": "devolver",
        "damaged": "danado danada",
        "question": "pregunta*",
        "how": "como",
        "would be nice": "seria_genial",
        "thank you": "gracias",
        "security": "seguridad",
        "not": "no",
        "sync": "sincroniz*",
        "update": "actualiz*",
        "blocked": "bloqueados",
        "address": "direccion",
        "discount": "descuento*",
        "frozen": "congelad*",
        "direct debit": "domiciliacion",
        "receipt": "recibo*",
        "tax": "iva impuesto*",
        "contract": "contrato*",
        "username": "usuario",
        "code": "codigo*",
        "two-factor": "dos_factores",
        "tracking": "seguimiento",
        "exchange": "cambio",
        "leak": "filtracion* filtrad*",
        "missing": "falta faltan",
        "wrong": "incorrect* equivocad* erroneo*",
        "help": "ayuda ayudar",
        "everything": "todo",
        "nothing": "nada",
        "works": "funciona",
        "website": "web sitio",
        "shop": "tienda",
        "photos": "fotos",
        "upload": "subir",
        "download": "descargar",
        "settings": "configuracion ajustes",
        "notification": "notificacion*",
        "invite": "invitacion* invitar",
        "role": "rol permisos",
        "delete": "borrar eliminar",
        "stolen": "robad*",
    },
    "fr": {
        "invoice": "facture*",
        "charged": "debite debites preleve preleves facture",
        "charge": "prelevement* debit",
        "payment": "paiement*",
        "pay": "payer",
        "refund": "rembourse*",
        "money": "argent",
        "price": "prix tarif*",
        "subscription": "abonnement*",
        "twice": "deux_fois double",
        "card": "carte",
        "cancel": "annuler resilier",
        "account": "compte comptes",
        "log in": "connecter connexion",
        "password": "mot_de_passe mdp",
        "locked": "bloque bloquee",
        "access": "acces",
        "user": "utilisateur*",
        "email": "courriel",
        "hacked": "pirate piratee",
        "error": "erreur*",
        "crash": "plante plantage crashe",
        "broken": "casse cassee",
        "slow": "lent lente lenteur*",
        "server": "serveur*",
        "app": "application",
        "page": "page",
        "data": "donnees",
        "files": "fichiers",
        "projects": "projets",
        "gone": "disparu*",
        "deleted": "supprime*",
        "lost": "perdu*",
        "all": "tous toutes tout",
        "nobody": "personne",
        "customers": "clients",
        "employees": "employes salaries",
        "company": "entreprise societe",
        "urgent": "urgent urgente urgence",
        "immediately": "immediatement",
        "today": "aujourd'hui",
        "since": "depuis",
        "hours": "heures",
        "order": "commande*",
        "delivery": "livraison* livre",
        "package": "colis",
        "return": "retourner",
        "damaged": "abime endommage*",
        "question": "question",
        "how": "comment",
        "would be nice": "serait_bien",
        "thank you": "merci",
        "security": "securite",
        "not": "pas",
        "sync": "synchronis*",
        "update": "mise_a_jour",
        "address": "adresse",
        "discount": "remise reduction",
        "frozen": "fige bloque",
        "direct debit": "prelevement",
        "receipt": "recu",
        "tax": "tva taxe*",
        "contract": "contrat*",
        "username": "identifiant*",
        "code": "code",
        "two-factor": "double_authentification",
        "tracking": "suivi",
        "exchange": "echange*",
        "leak": "fuite*",
        "missing": "manque manquant*",
        "wrong": "errone* incorrect* mauvais",
        "help": "aide aider",
        "everything": "tout",
        "nothing": "rien",
        "works": "fonctionne marche",
        "website": "site",
        "shop": "boutique",
        "photos": "photos",
        "upload": "televers* telecharger",
        "settings": "parametre* reglage*",
        "notification": "notification*",
        "invite": "invitation* inviter",
        "role": "role* droits",
        "delete": "supprimer",
        "stolen": "vole*",
        "users": "utilisateurs",
    },
    "it": {
        "invoice": "fattura* fatturazione",
        "charged": "addebitato addebitati",
        "charge": "addebito* addebiti",
        "payment": "pagamento* pagamenti",
        "pay": "pagare",
        "refund": "rimborso*",
        "money": "soldi denaro",
        "price": "prezzo*",
        "subscription": "abbonamento*",
        "twice": "due_volte doppio",
        "card": "carta",
        "cancel": "annullare disdire",
        "account": "account",
        "log in": "accedere accesso login",
        "password": "password",
        "locked": "bloccato bloccata",
        "user": "utente utenti",
        "hacked": "hackerato",
        "error": "errore errori",
        "crash": "crasha si_chiude",
        "broken": "rotto rotta",
        "slow": "lento lenta lentissimo",
        "server": "server",
        "app": "app",
        "page": "pagina",
        "data": "dati",
        "files": "file",
        "projects": "progetti",
        "gone": "spariti sparito scomparsi",
        "deleted": "cancellati cancellato eliminati",
        "lost": "perso persi",
        "all": "tutti tutte tutto",
        "nobody": "nessuno",
        "customers": "clienti clienti",
        "employees": "dipendenti",
        "company": "azienda",
        "urgent": "urgente urgenza",
        "immediately": "subito immediatamente",
        "today": "oggi",
        "since": "da",
        "hours": "ore",
        "order": "ordine* ordinato",
        "delivery": "consegna* spedizione",
        "package": "pacco",
        "return": "reso",
        "damaged": "danneggiato",
        "question": "domanda*",
        "how": "come",
        "thank you": "grazie",
        "security": "sicurezza",
        "not": "non",
        "sync": "sincronizz*",
        "update": "aggiornamento*",
        "discount": "sconto",
        "frozen": "bloccat*",
        "receipt": "ricevuta*",
        "tax": "iva tasse",
        "contract": "contratto*",
        "username": "nome_utente",
        "code": "codice*",
        "tracking": "tracciamento",
        "leak": "fuga violazione",
        "missing": "manca mancano",
        "wrong": "sbagliat* errat*",
        "help": "aiuto aiutare",
        "everything": "tutto",
        "nothing": "niente nulla",
        "works": "funziona",
        "website": "sito",
        "shop": "negozio",
        "photos": "foto",
        "upload": "caricare",
        "download": "scaricare",
        "settings": "impostazioni",
        "notification": "notifich*",
        "invite": "invito invitare",
        "role": "ruolo permessi",
        "delete": "eliminare cancellare",
        "stolen": "rubat*",
        "access": "accesso",
        "email": "email posta",
    },
    "pt": {
        "invoice": "fatura* nota_fiscal",
        "charged": "cobrado cobrada cobraram",
        "charge": "cobranca* cobrancas",
        "payment": "pagamento*",
        "pay": "pagar",
        "refund": "reembolso* estorno*",
        "money": "dinheiro",
        "price": "preco*",
        "subscription": "assinatura*",
        "twice": "duas_vezes duplicad*",
        "card": "cartao",
        "cancel": "cancelar",
        "account": "conta contas",
        "log in": "entrar login acessar",
        "password": "senha*",
        "locked": "bloqueada bloqueado",
        "access": "acesso",
        "user": "usuario* utilizador*",
        "hacked": "hackeada hackeado invadida",
        "error": "erro erros",
        "broken": "quebrado",
        "slow": "lento lenta",
        "server": "servidor*",
        "app": "aplicativo",
        "page": "pagina",
        "data": "dados",
        "files": "arquivos ficheiros",
        "projects": "projetos",
        "gone": "sumiram sumiu desaparece*",
        "deleted": "apagado* excluido*",
        "lost": "perdido* perdemos",
        "all": "todos todas tudo",
        "nobody": "ninguem",
        "customers": "clientes",
        "employees": "funcionarios",
        "company": "empresa",
        "urgent": "urgente*",
        "immediately": "imediatamente",
        "today": "hoje",
        "since": "desde",
        "hours": "horas",
        "order": "pedido* encomenda*",
        "delivery": "entrega*",
        "package": "pacote",
        "damaged": "danificado",
        "question": "pergunta* duvida",
        "how": "como",
        "thank you": "obrigado obrigada",
        "security": "seguranca",
        "not": "nao",
        "sync": "sincroniz*",
        "update": "atualiza*",
        "discount": "desconto",
        "crash": "trava travou fecha",
        "receipt": "recibo*",
        "tax": "imposto* iva",
        "contract": "contrato*",
        "code": "codigo*",
        "tracking": "rastreio rastreamento",
        "leak": "vazamento* vazad*",
        "missing": "falta faltam",
        "wrong": "errad* incorret*",
        "help": "ajuda ajudar",
        "everything": "tudo",
        "nothing": "nada",
        "works": "funciona",
        "website": "site",
        "shop": "loja",
        "photos": "fotos",
        "upload": "enviar carregar",
        "download": "baixar",
        "settings": "configurac*",
        "notification": "notificac*",
        "invite": "convite* convidar",
        "role": "permiss*",
        "delete": "apagar excluir",
        "stolen": "roubad*",
        "email": "email",
    },
    "nl": {
        "invoice": "factuur* facturen",
        "charged": "afgeschreven gefactureerd",
        "charge": "afschrijving*",
        "payment": "betaling*",
        "pay": "betalen",
        "refund": "terugbetal* terugstorting",
        "money": "geld",
        "price": "prijs* prijzen",
        "subscription": "abonnement*",
        "twice": "twee_keer dubbel",
        "card": "kaart creditcard",
        "cancel": "opzeggen annuleren",
        "account": "account",
        "log in": "inloggen aanmelden",
        "password": "wachtwoord*",
        "locked": "geblokkeerd",
        "access": "toegang",
        "user": "gebruiker*",
        "hacked": "gehackt",
        "error": "fout* foutmelding*",
        "crash": "crasht crashed vastgelopen",
        "broken": "kapot",
        "slow": "traag langzaam",
        "server": "server",
        "page": "pagina",
        "data": "gegevens",
        "files": "bestanden",
        "projects": "projecten",
        "gone": "weg verdwenen",
        "deleted": "verwijderd",
        "lost": "kwijt verloren",
        "all": "alle allemaal alles",
        "nobody": "niemand",
        "customers": "klanten",
        "employees": "medewerkers",
        "company": "bedrijf",
        "urgent": "dringend spoed*",
        "immediately": "direct meteen",
        "today": "vandaag",
        "since": "sinds",
        "hours": "uur",
        "order": "bestelling*",
        "delivery": "levering* bezorg*",
        "package": "pakket*",
        "damaged": "beschadigd",
        "question": "vraag vragen",
        "how": "hoe",
        "thank you": "bedankt dank",
        "security": "beveiliging",
        "not": "niet",
        "sync": "synchronis*",
        "update": "update",
        "discount": "korting",
        "frozen": "bevroren",
        "receipt": "bon bonnetje",
        "tax": "btw belasting",
        "contract": "contract",
        "username": "gebruikersnaam",
        "code": "code",
        "tracking": "track",
        "leak": "lek datalek",
        "missing": "ontbreekt ontbreken",
        "wrong": "verkeerd* fout",
        "help": "hulp helpen",
        "everything": "alles",
        "nothing": "niets",
        "works": "werkt",
        "website": "website site",
        "shop": "winkel webshop",
        "photos": "foto's fotos",
        "upload": "uploaden",
        "download": "downloaden",
        "settings": "instellingen",
        "notification": "melding*",
        "invite": "uitnodig*",
        "role": "rol rechten",
        "delete": "verwijderen",
        "stolen": "gestolen",
        "email": "e-mail mail",
    },
    "pl": {
        "invoice": "faktur*",
        "charged": "obciazon* pobran*",
        "charge": "obciazeni* oplat*",
        "payment": "platnos* platnosc",
        "pay": "zaplac*",
        "refund": "zwrot* zwroc*",
        "money": "pieniadze",
        "price": "cena ceny",
        "subscription": "subskrypcj* abonament*",
        "twice": "dwa_razy podwojn*",
        "card": "karta karty karte",
        "cancel": "anulowa* rezygn*",
        "account": "konto konta kontem",
        "log in": "zalogowa* logowani*",
        "password": "hasl* haslo",
        "locked": "zablokowan*",
        "access": "dostep*",
        "user": "uzytkowni*",
        "hacked": "zhakowan* wlamani*",
        "error": "blad bledy bledu",
        "broken": "zepsut*",
        "slow": "wolno wolna wolny",
        "server": "serwer*",
        "app": "aplikacj*",
        "page": "strona strony",
        "data": "dane danych",
        "files": "pliki plikow",
        "projects": "projekty projektow",
        "gone": "zniknel* znikne*",
        "deleted": "usuniet* skasowan*",
        "lost": "utracon* stracil*",
        "all": "wszystkie wszyscy wszystko",
        "nobody": "nikt",
        "customers": "klienci klientow",
        "employees": "pracownic* pracownikow",
        "company": "firma firmy",
        "urgent": "pilne pilnie",
        "immediately": "natychmiast",
        "today": "dzisiaj dzis",
        "since": "od",
        "hours": "godzin*",
        "order": "zamowieni*",
        "delivery": "dostaw* przesylk*",
        "package": "paczk*",
        "damaged": "uszkodzon*",
        "question": "pytanie*",
        "how": "jak",
        "thank you": "dziekuje dzieki",
        "security": "bezpieczenstw*",
        "not": "nie",
        "sync": "synchroniz*",
        "update": "aktualizacj*",
        "crash": "zawiesza wylacza",
        "receipt": "paragon*",
        "tax": "vat podat*",
        "contract": "umow*",
        "code": "kod kodu",
        "tracking": "sledzeni*",
        "leak": "wyciek*",
        "missing": "brak brakuje",
        "wrong": "bledn* zly zla zle",
        "help": "pomoc pomozcie",
        "everything": "wszystko",
        "nothing": "nic",
        "works": "dziala",
        "website": "stron*",
        "shop": "sklep*",
        "photos": "zdjec* zdjecia",
        "upload": "przeslac wgrac",
        "download": "pobrac",
        "settings": "ustawieni*",
        "notification": "powiadomien*",
        "invite": "zaprosz*",
        "role": "uprawnien*",
        "delete": "usunac",
        "stolen": "skradzion*",
        "email": "e-mail mail*",
    },
    "sv": {
        "invoice": "faktura* fakturan",
        "charged": "debiterad* dragit",
        "charge": "debitering*",
        "payment": "betalning*",
        "pay": "betala",
        "refund": "aterbetalning* aterbetala",
        "money": "pengar",
        "price": "pris priset",
        "subscription": "prenumeration* abonnemang*",
        "twice": "tva_ganger dubbel*",
        "card": "kort",
        "cancel": "avsluta saga_upp",
        "account": "konto kontot",
        "log in": "logga inloggning*",
        "password": "losenord*",
        "locked": "last",
        "access": "atkomst tillgang",
        "user": "anvandare*",
        "hacked": "hackad* kapad*",
        "error": "fel felet felmeddelande*",
        "broken": "trasig*",
        "slow": "langsam* seg",
        "server": "server*",
        "app": "appen",
        "page": "sidan",
        "data": "data",
        "files": "filer filerna",
        "projects": "projekt*",
        "gone": "borta forsvunn*",
        "deleted": "raderad* borttagna",
        "lost": "forlorat",
        "all": "alla allt",
        "nobody": "ingen",
        "customers": "kunder kunderna",
        "employees": "anstallda",
        "company": "foretag*",
        "urgent": "bradskande akut",
        "immediately": "omedelbart direkt",
        "today": "idag",
        "since": "sedan",
        "hours": "timmar",
        "order": "bestallning*",
        "delivery": "leverans*",
        "package": "paket*",
        "damaged": "skadad*",
        "question": "fraga",
        "how": "hur",
        "thank you": "tack",
        "security": "sakerhet*",
        "not": "inte",
        "sync": "synkronis*",
        "update": "uppdatering*",
        "crash": "kraschar* kraschade",
        "frozen": "fryser",
        "receipt": "kvitto*",
        "tax": "moms skatt",
        "contract": "avtal*",
        "username": "anvandarnamn*",
        "code": "kod koden",
        "tracking": "sparning*",
        "leak": "lacka dataintrang",
        "missing": "saknas",
        "wrong": "fel felaktig*",
        "help": "hjalp hjalpa",
        "everything": "allt",
        "nothing": "inget ingenting",
        "works": "fungerar funkar",
        "website": "webbplats* hemsida*",
        "shop": "butik*",
        "photos": "bilder foton",
        "upload": "ladda_upp",
        "settings": "installningar",
        "notification": "notifikation* avisering*",
        "invite": "inbjudan bjuda",
        "role": "behorighet* roll",
        "delete": "radera ta_bort",
        "stolen": "stulen stulet",
        "email": "e-post mejl",
    },
}

_PHRASE_RX = {
    lang: [(re.compile(pattern), repl) for pattern, repl in rules]
    for lang, rules in _PHRASES.items()
}
MIN_PREFIX = 4


def _tables(glossary: dict[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    exact: dict[str, str] = {}
    prefixes: dict[str, str] = {}
    for english, forms in glossary.items():
        for form in forms.split():
            if "_" in form:
                continue
            if form.endswith("*"):
                prefixes[form[:-1]] = english
            else:
                exact[form] = english
    return exact, prefixes


_TABLES = {lang: _tables(glossary) for lang, glossary in _GLOSSARY.items()}
_PREFIX_LENGTHS = {
    lang: sorted({len(p) for p in prefixes}) for lang, (_, prefixes) in _TABLES.items()
}
# Multi-word forms ("mot_de_passe", "dos_veces") are replaced as phrases before single words.
_MULTI_WORD = {
    lang: [
        (re.compile(r"\b" + re.escape(form.replace("_", " ")) + r"\b"), english)
        for english, forms in glossary.items()
        for form in forms.split()
        if "_" in form
    ]
    for lang, glossary in _GLOSSARY.items()
}
GLOSSED_LANGUAGES = frozenset(_GLOSSARY)
_WORD_OR_OTHER = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[^a-z0-9]+")


def gloss(folded: str, language: str | None) -> str:
    """The accent-folded ``folded`` text with ``language``'s words replaced by English ones.

    Text in a language without a glossary (English included) comes back unchanged.
    """
    if language not in _TABLES:
        return folded
    for rx, repl in (*_PHRASE_RX.get(language, ()), *_MULTI_WORD[language]):
        folded = rx.sub(repl, folded)
    exact, prefixes = _TABLES[language]
    out = []
    for piece in _WORD_OR_OTHER.findall(folded):
        if not piece[0].isalnum():
            out.append(piece)
            continue
        english = exact.get(piece)
        if english is None:
            for end in range(len(piece), MIN_PREFIX - 1, -1):
                english = prefixes.get(piece[:end])
                if english is not None:
                    break
        out.append(english or piece)
    return "".join(out)
