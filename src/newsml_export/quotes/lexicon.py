"""Word lists the attribution rules read: speech verbs, pronouns, generic voices, documents,
titles. English first, with the German and French words that translated copy and German- or
French-language articles use. Lists are data: extending them changes no rule."""

from __future__ import annotations

__all__ = [
    "AUXILIARIES",
    "PLACE_WORDS",
    "DOCUMENT_NOUNS",
    "FUNCTION_WORDS",
    "GENERIC_NOUNS",
    "NATIONALITIES",
    "ORG_WORDS",
    "PERSON_PRONOUNS",
    "SPEECH_VERBS",
    "THING_PRONOUNS",
    "TITLES",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Verbs that report speech or a stated view ("the politician fears", "concludes Milow").
SPEECH_VERBS = _words("""
    say says said saying tell tells told add adds added explain explains explained
    stress stresses stressed insist insists insisted argue argues argued warn warns warned
    note notes noted conclude concludes concluded continue continues continued recall recalls
    recalled write writes wrote ask asks asked reply replies replied answer answers answered
    admit admits admitted declare declares declared announce announces announced claim claims
    claimed emphasise emphasises emphasised emphasize emphasizes emphasized believe believes
    believed think thinks thought fear fears feared assume assumes assumed suspect suspects
    suspected complain complains complained predict predicts predicted estimate estimates
    estimated state states stated read reads observe observes observed remark remarks remarked
    point points pointed comment comments commented acknowledge acknowledges acknowledged
    concede concedes conceded counter counters countered promise promises promised vow vows
    vowed urge urges urged demand demands demanded criticise criticises criticised criticize
    criticizes criticized describe describes described call calls called put puts summed sums
    sum recount recounts recounted report reports reported confirm confirms confirmed deny
    denies denied tweet tweets tweeted post posts posted shout shouts shouted whisper
    whispers whispered joke jokes joked sigh sighs sighed laugh laughs laughed
    promising urging warning insisting saying adding hope hopes hoped worry worries worried doubt doubts doubted expect expects expected
    sagt sagte sagten sagen erklärt erklärte betont betonte meint meinte fügt fügte ergänzt
    ergänzte warnt warnte schreibt schrieb kritisiert kritisierte befürchtet befürchtete
    glaubt glaubte vermutet vermutete fordert forderte so heißt hieß
    dit déclare déclaré affirme affirmé ajoute ajouté estime estimé explique expliqué
    souligne souligné assure assuré indique indiqué écrit prévient prévenu juge jugé
    lance lancé confie confié poursuit poursuivi conclut répond répondu
""")
# Auxiliaries and adverbs that may stand between a subject and its speech verb
# ("Milov has said", "a déclaré Macron", "hat gesagt").
AUXILIARIES = _words("has have had is was were will would could also later then again "
                     "hat haben hatte a ont avait")

PERSON_PRONOUNS = _words("he she him her his hers er sie il elle")
THING_PRONOUNS = _words("it es")

# Groups that speak in a generic voice, not as a person ("People are clear: ...").
GENERIC_NOUNS = _words("""
    people many most some others critics observers experts residents locals voters citizens
    analysts activists protesters users fans commentators viewers readers listeners
    onlookers witnesses neighbours neighbors parents students workers farmers villagers
    russians ukrainians germans americans europeans chinese everyone everybody nobody someone
    leute viele menschen kritiker beobachter experten anwohner bürger
    gens beaucoup certains observateurs habitants
""")

# What a text can be quoted from ("..., it says" of a paper).
DOCUMENT_NOUNS = _words("""
    paper statement declaration document report letter text communiqué communique
    resolution memo memorandum study survey agreement treaty manifesto release decree law
    ruling judgment judgement verdict note notice bulletin leaflet brochure post message
    tweet filing indictment complaint petition proposal draft plan programme program
    strategy guidelines minutes transcript editorial article constitution charter
    erklärung papier bericht brief dokument studie
    déclaration rapport lettre texte communiqué
""")

# Courtesy and office titles stripped from names ("German Chancellor Olaf Scholz").
TITLES = _words("""
    mr mrs ms miss dr prof professor sir dame lord lady president vice chancellor minister
    prime foreign interior defence defense finance economy secretary general governor mayor
    senator congressman congresswoman representative ambassador judge justice chief
    executive ceo cfo chairman chairwoman chair spokesman spokeswoman spokesperson director
    head leader deputy commissioner colonel captain sergeant lieutenant admiral father
    sister brother pope king queen prince princess sheikh emir herr frau monsieur madame
    bundeskanzler kanzler präsident ministerin minister bürgermeister bürgermeisterin
    anwohner anwohnerin
""")

ORG_WORDS = _words("""
    ministry office council commission party bank inc ltd llc gmbh ag sa group agency
    government kremlin pentagon police army court university institute union committee
    company corporation foundation association federation organisation organization
    department embassy parliament senate congress bundestag bundesregierung regierung
    ministerium times post news tribune reuters afp dpa ap bloomberg service services
    securities fc club alliance journal trust philharmonic orchestra initiative court crown
    network institut stiftung verband
""")

# Words that make a capitalised run a place, not a person ("Mill Street", "Hadley River").
PLACE_WORDS = _words("""
    street road avenue lane square river city county state island islands park valley
    mountain mountains lake sea ocean bay gulf coast airport station bridge hall church
    cathedral palace castle house tower district region province republic kingdom states
    north south east west new saint st hong
    straße strasse platz fluss stadt rue place
""")

FUNCTION_WORDS = _words("""
    the a an of and or but by for to with in on at from that this these those as is are was
    were be been being it its their our your my not no so if then than when while who whom
    which what where how after before over under into about also only even just still
    der die das den dem des ein eine und oder aber mit von zu im am le la les un une et ou
    mais de du des au aux en
""")

# Adjectives of origin and region that open a description ("Russian opposition politician").
NATIONALITIES = _words("""
    russian chinese german french british english american ukrainian polish italian spanish
    japanese korean indian iranian israeli palestinian turkish syrian belarusian georgian
    dutch swiss austrian swedish norwegian danish finnish hungarian czech slovak greek
    brazilian mexican canadian australian european western eastern taiwanese afghan iraqi
    saudi egyptian nigerian african asian arab lebanese latvian lithuanian estonian
    romanian bulgarian serbian croatian irish scottish welsh belgian portuguese kazakh
    soviet nordic baltic
    deutsche russische chinesische französische
""")
