"""Word lists the attribution rules read: pronouns, generic voices, documents, titles (the
reporting verbs are in ``verbs.py``). English first, with the German and French words that translated copy and German- or
French-language articles use. Lists are data: extending them changes no rule."""

from __future__ import annotations

__all__ = [
    "PLACE_WORDS",
    "DOCUMENT_NOUNS",
    "FUNCTION_WORDS",
    "GENERIC_NOUNS",
    "NATIONALITIES",
    "ORG_WORDS",
    "PERSON_PRONOUNS",
    "THING_PRONOUNS",
    "TITLES",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


PERSON_PRONOUNS = _words("he she him her his hers er sie il elle")
THING_PRONOUNS = _words("it es")

# Words that speak for a group whatever their form: indefinite pronouns and nouns whose plural
# does not show ("People are clear: ..."). Plural nouns and quantified phrases are groups by
# grammar (``phrases.py``), not by this list.
GENERIC_NOUNS = _words("""
    people many most some others everyone everybody nobody someone
    leute viele menschen man
    gens beaucoup certains on
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
    hospital regulator watchdog authority municipality firm ministère mairie préfecture
    gouvernement syndicat conseil tribunal parquet gendarmerie entreprise société rectorat
    hôpital landratsamt gemeinde feuerwehr behörde
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
    mais de du des au aux en pour selon après avant avec sans dans sur sous chez par d’après
    für laut nach bei aus seit vor
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
