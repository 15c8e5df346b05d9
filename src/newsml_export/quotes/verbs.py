"""Reporting verbs of English, German and French, as lemmas, with the forms news copy uses.

The lemma lists were checked against published lists of reporting verbs (grammar references
of reporting verbs for English; *verbes de parole* / *verbes introducteurs* for French;
*redeeinleitende Verben* for German; the quote-verb lists of the GenderGapTracker for English
and French), keeping the verbs that introduce a quotation in news copy. The forms are generated
from the lemma by each language's regular inflection; irregular forms are written out. Each
form knows its language, so an auxiliary of one language only goes with a verb of the same one
(French ``a déclaré``, never English ``a spokeswoman said``), and whether it marks a plural
subject (``Passengers say``, ``Kritiker sagen``, ``Les habitants estiment``).
"""

from __future__ import annotations

__all__ = ["AUXILIARIES", "CLITICS", "PLURAL_FORMS", "SPEECH_VERBS", "VERB_LANGUAGES", "marks_plural", "verb_languages"]

# English: "lemma" or "lemma/past" (the past doubles a consonant or is irregular) or
# "lemma/past/participle".
_EN = """
    say/said tell/told add explain stress insist argue warn note conclude continue recall
    write/wrote/written ask reply answer admit/admitted declare announce claim emphasise
    emphasize believe think/thought fear assume suspect complain predict estimate state
    read/read observe remark point comment acknowledge concede counter promise vow urge demand
    criticise criticize describe call put/put sum/summed recount report confirm deny tweet post
    shout whisper joke sigh laugh hope worry doubt expect acclaim advise allege assert
    assure boast brag caution clarify confess contend cry decry denounce deplore
    disclose dispute elaborate exclaim grumble highlight indicate inform insist interject
    lament maintain mention muse mutter plead/pleaded pledge proclaim propose
    protest quip/quipped reassure rebut/rebutted reckon recommend regret/regretted
    reiterate reject remind repeat respond restate retort reveal roar scoff scream
    speak/spoke/spoken specify suggest summarise summarize testify tout underline
    wonder yell agree concur/concurred mock murmur recollect
"""

# German weak verbs by infinitive; strong and irregular ones with their forms written out.
_DE_WEAK = """
    sagen erklären betonen meinen ergänzen warnen kritisieren befürchten glauben vermuten
    fordern behaupten berichten bestätigen bemerken erläutern versichern beklagen bedauern
    hoffen mahnen fragen antworten entgegnen erwidern verkünden verlangen loben schimpfen
    spotten klagen jubeln urteilen folgern schildern erzählen beteuern bekräftigen
    zweifeln kommentieren argumentieren appellieren resümieren präzisieren dementieren
    erinnern fürchten twittern posten
"""
_DE_FORMS = """
    so heißt hieß schreibt schreiben schrieb schrieben geschrieben ruft rufen rief riefen
    gerufen unterstreicht unterstrich unterstrichen widerspricht widersprach widersprachen
    widersprochen verspricht versprach versprachen versprochen denkt denken dachte dachten
    gedacht findet finden fand fanden spricht sprach sprachen gesprochen fügt fügte fügten
    teilt teilte teilten räumt räumte räumten bestreitet bestritt bestritten angekündigt
    mitgeteilt eingeräumt hinzugefügt
"""

# French: -er and -ir (second group) verbs by infinitive, conjugated regularly; the others
# with their forms written out. Pronominal verbs are listed without "se": the clitic is read
# apart (s’indigne, s’est indignée).
_FR_ER = """
    déclarer affirmer ajouter estimer expliquer souligner assurer indiquer juger lancer confier
    dénoncer regretter rappeler préciser insister observer noter constater annoncer espérer
    penser considérer déplorer féliciter inquiéter étonner emporter agacer tonner ironiser
    plaisanter soupirer exclamer marteler fustiger critiquer accuser protester répliquer
    rétorquer objecter nuancer résumer relever raconter témoigner confirmer commenter
    détailler glisser souffler lâcher trancher asséner claironner interroger demander
    questionner répéter réclamer exiger plaider justifier argumenter signaler mentionner
    énumérer analyser avouer concéder enchaîner continuer abonder approuver saluer
    alarmer désoler insurger proclamer revendiquer indigner amuser alerter
    tempêter railler accuser prôner murmurer crier hurler écrier
    rassurer avancer
"""
_FR_IR = "réagir avertir réjouir renchérir applaudir"
_FR_FORMS = """
    dit dite dits dites disent disait disaient dira dirait écrit écrite écrivent écrivait
    écrivit répond répondent répondu répondit répondait prévient préviennent prévenu prévint
    poursuit poursuivent poursuivi poursuivit conclut concluent conclu reconnaît reconnaissent
    reconnu reconnut admet admettent admis admit promet promettent promis promit prédit
    prédisent craint craignent craignait plaint plaignent sourit souri soutient soutiennent
    soutenu soutint reprend reprennent repris reprit défend défendent défendu croit croient
    cru crut souvient dément démentent démenti convient convenu interrompt interrompu
    répète répètent espère espèrent considère considèrent rappelle rappellent martèle
    martèlent énumère concède concèdent inquiète inquiètent achève
"""

_EN_PLURAL_BLOCKERS = frozenset("will would can could may might must should shall to did does".split())

# Auxiliaries, clitics and adverbs that may stand between a subject and its speech verb
# ("Milov has also said", "a déclaré Macron", "hat gesagt"), by language.
_AUX = {
    "en": "has have had is are was were will would could may might can should shall must do does did "
          "also later then again since already now once still just repeatedly",
    "de": "hat haben hatte hatten ist sind war waren wird werden würde auch noch dann bereits schon "
          "später erneut",
    "fr": "a ont avait avaient aurait auraient est sont était étaient sera se s’ s' lui leur nous "
          "aussi encore ensuite alors déjà",
}
AUXILIARIES: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in _AUX.items()}
CLITICS = frozenset(("s’", "s'", "se"))


def _en_forms(entry: str) -> tuple[list[str], str]:
    parts = entry.split("/")
    lemma = parts[0]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if len(parts) > 1:
        past = parts[1]
    elif lemma.endswith("e"):
        past = lemma + "d"
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        past = lemma[:-1] + "ied"
    else:
        past = lemma + "ed"
    participle = parts[2] if len(parts) > 2 else past
    if past == lemma + lemma[-1] + "ed":
        ing = lemma + lemma[-1] + "ing"
    elif lemma.endswith("e") and not lemma.endswith("ee"):
        ing = lemma[:-1] + "ing"
    else:
        ing = lemma + "ing"
    return [lemma, third, past, participle, ing], lemma


def _de_weak(lemma: str) -> tuple[list[str], list[str]]:
    stem = lemma[:-1] if lemma.endswith(("ern", "eln")) else lemma[:-2]
    e = "e" if stem.endswith(("t", "d", "chn", "ffn", "gn")) else ""
    past_pl = stem + e + "ten"
    inseparable = lemma.startswith(("be", "er", "ver", "ent", "zer", "emp", "miss", "wider", "über", "unter"))
    participle = stem + e + "t" if inseparable or lemma.endswith("ieren") else "ge" + stem + e + "t"
    singular = [stem + e + "t", stem + e + "te", participle]
    return singular + [lemma, past_pl], [lemma, past_pl]


def _fr_er(lemma: str) -> tuple[list[str], list[str]]:
    stem = lemma[:-2]
    soft = stem[:-1] + "ç" if stem.endswith("c") else stem + "e" if stem.endswith("g") else stem
    singular = [stem + "e", stem + "é", stem + "ée", stem + "és", stem + "ées", soft + "a", soft + "ait",
                stem + "era", stem + "erait"]
    plural = [stem + "ent", stem + "èrent", soft + "aient"]
    return singular + plural, plural


def _fr_ir(lemma: str) -> tuple[list[str], list[str]]:
    stem = lemma[:-2]
    plural = [stem + "issent", stem + "irent", stem + "issaient"]
    return [stem + "it", stem + "i", stem + "ie", stem + "is", stem + "ies", stem + "issait"] + plural, plural


def _build() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    languages: dict[str, set[str]] = {}
    plural: set[str] = set()

    def put(forms: list[str], lang: str) -> None:
        for form in forms:
            languages.setdefault(form, set()).add(lang)

    for entry in _EN.split():
        forms, lemma = _en_forms(entry)
        put(forms, "en")
        plural.add(lemma)
    for lemma in _DE_WEAK.split():
        forms, plural_forms = _de_weak(lemma)
        put(forms, "de")
        plural.update(plural_forms)
    put(_DE_FORMS.split(), "de")
    plural.update(w for w in _DE_FORMS.split() if w.endswith("en") and not w.startswith("ge"))
    for lemma in _FR_ER.split():
        forms, plural_forms = _fr_er(lemma)
        put(forms, "fr")
        plural.update(plural_forms)
    for lemma in _FR_IR.split():
        forms, plural_forms = _fr_ir(lemma)
        put(forms, "fr")
        plural.update(plural_forms)
    put(_FR_FORMS.split(), "fr")
    plural.update(w for w in _FR_FORMS.split() if w.endswith("ent"))
    return {form: frozenset(langs) for form, langs in languages.items()}, frozenset(plural)


VERB_LANGUAGES, _PLURAL = _build()
SPEECH_VERBS = frozenset(VERB_LANGUAGES)
PLURAL_FORMS = _PLURAL
_NONE: frozenset[str] = frozenset()


def verb_languages(token: str) -> frozenset[str]:
    """The languages in which ``token`` is a reporting verb (empty when it is none)."""
    found = VERB_LANGUAGES.get(token)
    if found is None and not token.islower():
        found = VERB_LANGUAGES.get(token.casefold())
    return found or _NONE


def marks_plural(verb: str, before: str | None) -> bool:
    """Whether the verb form ``verb`` (with the token ``before`` it, if any) agrees only with a
    plural subject: ``say``/``have said`` (not ``will say``), ``sagen``, ``estiment``, ``ont dit``."""
    low = verb.casefold()
    if before is not None and before.casefold() in ("have", "are", "were", "haben", "sind", "waren", "hatten",
                                                    "ont", "avaient", "auraient", "sont"):
        return True
    if low not in PLURAL_FORMS:
        return False
    if "en" in VERB_LANGUAGES.get(low, _NONE) and before is not None and before.casefold() in _EN_PLURAL_BLOCKERS:
        return False
    return True

