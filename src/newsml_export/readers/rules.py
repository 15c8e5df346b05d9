"""The named boilerplate rules of text ingestion, as data.

Each rule matches a *whole* segment (a paragraph or line of the scraped text), case-insensitive,
with stray bullets or arrows before it and ``: . ! … » › → *`` after it tolerated. A rule never
matches a phrase inside a longer paragraph, so a body paragraph that talks about comments or
latest posts is left alone. Where a rule applies is its ``kind``:

``section``  starts a block of page furniture (a comment thread, a list of related posts, share
             buttons, a newsletter form); ``opens`` says which, and so what may follow it.
``line``     page furniture on its own, wherever it stands in the trailing furniture.
``item``     furniture only inside a section listed in ``within`` ("Reply", "Facebook", "Name *").
``head``     furniture only between the headline and the start of the body (Medium's "Follow").
``credit``   a source or credit line: moved to ``source``/``credit_line``, not deleted.

``docs/ingestion.md`` lists every rule; a test keeps it in step with this table, and another
checks that every rule matches its examples.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["AGENCIES", "Kind", "RULES", "Rule", "Section", "by_name", "markdown_table"]

Kind = Literal["section", "line", "item", "head", "credit"]
Section = Literal["comments", "links", "share", "newsletter", "profile"]

_LEAD = r"[\s•·»›←→|\-–—]*"
_TRAIL = r"[\s:：.!…»›→↓*|]*"


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: Kind
    languages: tuple[str, ...]
    pattern: str
    examples: tuple[str, ...]
    what: str
    opens: Section | None = None
    within: tuple[Section, ...] = ()
    relation: Literal["republished", "wire"] | None = None
    """For credit rules: how the credited source relates to this copy."""
    regex: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Credit patterns capture a name, so they get no loose ending that would swallow it.
        trail = r"\.?" if self.kind == "credit" else _TRAIL
        object.__setattr__(self, "regex", re.compile(f"{_LEAD}(?:{self.pattern}){trail}", re.IGNORECASE))

    def match(self, text: str) -> re.Match[str] | None:
        return self.regex.fullmatch(text)


def _any(*phrases: str) -> str:
    return "|".join(phrases)


# Dates as comment threads and post lists print them, in the four languages.
_MONTH = (r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember"
          r"|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
          r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
          r"|january|february|march|april|june|july|august|september|october|november|december)\.?")
_TIME = r"\d{1,2}(?::|\s?h\s?)\d{2}(?:\s?(?:min|uhr|am|pm|a\.m\.|p\.m\.))?"
_DATE = (rf"(?:{_MONTH}\s\d{{1,2}},?\s\d{{4}}|\d{{1,2}}\.?\s(?:de\s)?{_MONTH}\s(?:de\s)?\d{{4}}|\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}})"
         rf"(?:,?\s(?:at|um|à|a las)?\s?{_TIME})?")
_AGO = (r"(?:\d+|an?|one)\s(?:second|minute|hour|day|week|month|year)s?\sago|vor\s\d+\s(?:sekunden?|minuten?|stunden?|tagen?|wochen?|monaten?|jahren?)"
        r"|il\sy\sa\s\d+\s(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)|hace\s\d+\s(?:segundos?|minutos?|horas?|días?|semanas?|meses?|años?)")
_NUM = r"(?:\d+|no|one|two|three|four|five|six|seven|eight|nine|ten|ein|eine|zwei|drei|un|une|deux|trois|uno|una|dos|tres)"
_QUOTED = r"[\"“„«‘‚'].{1,200}[\"”“»’‘']"
# A list of index terms: up to four words each, separated by commas, bars or bullets.
_TERMS = r"[^\s.!?;:,|•·]+(?: [^\s.!?;:,|•·]+){0,3}(?:\s?[,|•·/]\s?[^\s.!?;:,|•·]+(?: [^\s.!?;:,|•·]+){0,3}){0,20}"
_SHARE_SITES = r"(?:facebook|twitter|x|whatsapp|telegram|linkedin|xing|reddit|pinterest|tumblr|pocket|flipboard|threads|mastodon|bluesky|e-?mail|email|messenger)"

RULES: tuple[Rule, ...] = (
    # -- comment forms and threads ----------------------------------------------------------
    Rule("comments/leave-a-reply", "section", ("en", "de", "fr", "es"),
         _any(r"leave a (?:reply|comment)(?: to .{1,80})?(?: cancel reply)?", r"post a comment", r"add (?:a|your) comment",
              r"join the (?:discussion|conversation)", r"write a comment", r"what do you think",
              r"(?:hinterlasse|schreibe|schreiben sie) einen kommentar(?: antworten abbrechen)?", r"kommentar (?:verfassen|schreiben|hinterlassen)",
              r"diskutieren sie mit", r"laisser un commentaire(?: annuler la réponse)?", r"laisser une réponse", r"(?:ajouter|écrire) un commentaire",
              r"réagissez", r"deja una respuesta(?: cancelar la respuesta)?", r"deja(?:r)? un comentario", r"escribe un comentario", r"publicar un comentario"),
         ("Leave a Reply", "Leave a Reply Cancel reply", "Hinterlasse einen Kommentar", "Laisser un commentaire", "Deja una respuesta"),
         "the heading of a comment form", opens="comments"),
    Rule("comments/count", "section", ("en", "de", "fr", "es"),
         _any(rf"{_NUM} (?:comments?|responses?|replies|thoughts?)(?: (?:on|to|zu|sur|a|en) {_QUOTED})?",
              r"(?:comments?|responses?|replies) \(\d+\)", r"comments", r"discussion",
              rf"{_NUM} (?:kommentare?|antworten?)(?: (?:zu|auf) {_QUOTED})?", r"kommentare(?: \(\d+\))?", r"leserkommentare",
              rf"{_NUM} (?:commentaires?|réponses?)(?: (?:à|sur|a) {_QUOTED})?", r"commentaires(?: \(\d+\))?",
              rf"{_NUM} (?:comentarios?|respuestas?)(?: (?:a|en) {_QUOTED})?", r"comentarios(?: \(\d+\))?"),
         ("12 Comments", "One thought on “Putin and China”", "Responses (3)", "3 Kommentare", "2 commentaires", "5 comentarios", "Comments"),
         "the heading of a comment thread, with or without a count", opens="comments"),
    Rule("comments/disqus", "section", ("en", "de", "fr", "es"),
         _any(r"(?:please enable javascript to view the )?comments powered by disqus", r"powered by disqus", r"disqus",
              r"start the discussion", r"be the first to comment", r"sort by (?:best|newest|oldest)",
              r"(?:sei der erste|soyez le premier|sé el primero)(?: (?:der|à|en)) (?:kommentiert|commenter|comentar)"),
         ("comments powered by Disqus", "Please enable JavaScript to view the comments powered by Disqus.", "Sort by Best"),
         "Disqus comment widget text", opens="comments"),
    Rule("comments/notice", "line", ("en", "de", "fr", "es"),
         _any(r"your email address will not be published\.?(?: required fields are marked \*)?", r"required fields are marked \*",
              r"(?:deine|ihre) e-mail-adresse wird nicht veröffentlicht\.?(?: erforderliche felder sind (?:mit \* )?markiert(?: \*)?)?",
              r"erforderliche felder sind (?:mit \* )?markiert(?: \*)?", r"pflichtfelder sind mit \* markiert",
              r"votre adresse (?:e-mail|email|de messagerie) ne sera pas publiée\.?(?: les champs obligatoires sont indiqués avec \*)?",
              r"les champs obligatoires sont indiqués avec \*",
              r"tu dirección de correo electrónico no será publicada\.?(?: los campos obligatorios están marcados con \*)?",
              r"los campos obligatorios están marcados con \*"),
         ("Your email address will not be published. Required fields are marked *", "Required fields are marked *",
          "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
          "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
          "Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *"),
         "the privacy notice of a comment form"),
    Rule("comments/closed", "line", ("en", "de", "fr", "es"),
         _any(r"comments are closed(?: for this (?:article|post|story))?", r"commenting (?:is|has been) (?:closed|disabled)",
              r"(?:die )?kommentare sind (?:geschlossen|deaktiviert)", r"kommentarfunktion (?:ist )?(?:geschlossen|deaktiviert)",
              r"les commentaires sont (?:fermés|clos)", r"(?:los )?comentarios están cerrados"),
         ("Comments are closed.", "Kommentare sind geschlossen.", "Les commentaires sont fermés.", "Los comentarios están cerrados."),
         "a closed comment thread"),
    Rule("comments/form", "line", ("en", "de", "fr", "es"),
         _any(r"cancel reply", r"(?:post|submit) comment", r"save my name, email, and website in this browser for the next time i comment",
              r"notify me of (?:follow-up comments|new posts) by email", r"this site uses akismet to reduce spam\. learn how your comment data is processed",
              r"you must be logged in to post a comment", r"antworten abbrechen", r"kommentar abschicken",
              r"meinen namen, meine e-mail-adresse und meine website in diesem browser speichern, bis ich wieder kommentiere",
              r"benachrichtige mich über nachfolgende kommentare via e-mail", r"annuler la réponse", r"laisser un commentaire",
              r"enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire",
              r"avertissez-moi par e-mail des nouveaux commentaires", r"cancelar la respuesta", r"publicar el comentario",
              r"guarda mi nombre, correo electrónico y web en este navegador para la próxima vez que comente"),
         ("Post Comment", "Save my name, email, and website in this browser for the next time I comment.",
          "This site uses Akismet to reduce spam. Learn how your comment data is processed.", "Kommentar abschicken",
          "Annuler la réponse", "Publicar el comentario"),
         "buttons and check-boxes of a comment form"),
    Rule("comments/field", "item", ("en", "de", "fr", "es"),
         _any(r"comment", r"name", r"e-?mail(?: address)?", r"website", r"kommentar", r"e-mail-adresse", r"webseite", r"commentaire",
              r"nom", r"adresse (?:e-mail|de messagerie)", r"site web", r"comentario", r"nombre", r"correo electrónico", r"web"),
         ("Comment *", "Name *", "E-Mail *", "Site web"),
         "labels of comment form fields", within=("comments", "newsletter")),
    Rule("comments/author", "item", ("en", "de", "fr", "es"),
         _any(r".{1,60} (?:says|said\.*|sagt|schreibt|schrieb|dit|a dit|dice|dijo)", rf".{{1,60}} [•·|] (?:{_AGO})"),
         ("Anna says:", "Tom said...", "Jens sagt:", "Marie dit :", "Lucía dice:", "Anna • 2 years ago"),
         "the author line of a comment", within=("comments",)),
    Rule("comments/date", "item", ("en", "de", "fr", "es"),
         _any(_DATE, _AGO, r"(?:edited|bearbeitet|modifié|editado)"),
         ("February 5, 2022 at 10:31 am", "5. Februar 2022 um 10:31 Uhr", "5 février 2022 à 10 h 31 min", "2 years ago", "vor 3 Tagen"),
         "a comment's or listed post's date", within=("comments", "links")),
    Rule("comments/actions", "item", ("en", "de", "fr", "es"),
         _any(r"reply", r"log in to reply", r"delete", r"report", r"like", r"share ›", r"[△▽• ]+", r"load more comments",
              r"show more replies", r"view (?:all )?\d* ?(?:replies|comments)", r"antworten", r"löschen", r"melden",
              r"répondre", r"supprimer", r"signaler", r"responder", r"eliminar", r"denunciar", r"\d+"),
         ("Reply", "Log in to Reply", "Antworten", "Répondre", "Responder", "△ ▽"),
         "reply, like and report links under each comment", within=("comments",)),
    # -- lists of other posts, post navigation ---------------------------------------------
    Rule("links/latest-posts", "section", ("en", "de", "fr", "es"),
         _any(r"latest (?:posts|news|articles|stories)", r"recent (?:posts|articles|stories)", r"most (?:popular|read)", r"trending(?: now)?",
              r"neueste (?:beiträge|artikel|nachrichten)", r"aktuelle (?:beiträge|artikel|nachrichten)", r"meistgelesen",
              r"derniers articles", r"articles récents", r"dernières (?:actualités|publications)", r"les plus lus",
              r"entradas recientes", r"últimas (?:entradas|noticias)", r"lo más leído"),
         ("Latest Posts", "Recent Posts", "Neueste Beiträge", "Articles récents", "Entradas recientes"),
         "a list of the site's latest posts", opens="links"),
    Rule("links/related-posts", "section", ("en", "de", "fr", "es"),
         _any(r"related(?: posts| articles| stories| content)?", r"read (?:more|also|next)(?: on .{1,40})?", r"more (?:from|on|about) .{1,60}",
              r"more stories", r"recommended(?: for you| from medium)?", r"you (?:may|might) also (?:like|enjoy|be interested in)",
              r"ähnliche (?:beiträge|artikel)", r"verwandte (?:beiträge|artikel)", r"mehr zum thema(?: .{1,40})?", r"weitere (?:beiträge|artikel)",
              r"lesen sie auch", r"das könnte sie auch interessieren", r"auch interessant",
              r"(?:à|a) lire aussi", r"lire aussi", r"sur le même sujet", r"articles similaires", r"dans la même rubrique",
              r"vous aimerez (?:peut-être )?aussi", r"artículos relacionados", r"entradas relacionadas", r"noticias relacionadas",
              r"te puede interesar", r"lee también", r"(?:también )?te podría interesar", r"quizás te interese"),
         ("Related Posts", "You may also like", "Mehr zum Thema", "À lire aussi", "Artículos relacionados"),
         "a list of related or recommended posts", opens="links"),
    Rule("links/post-navigation", "section", ("en", "de", "fr", "es"),
         _any(r"post navigation", r"(?:previous|next) (?:post|article|story)", r"(?:older|newer) posts?", r"newer post older post home",
              r"beitragsnavigation", r"(?:vorheriger|nächster) (?:beitrag|artikel)", r"navigation de l[’']article",
              r"article (?:précédent|suivant)", r"navegación de entradas", r"entrada (?:anterior|siguiente)"),
         ("Post navigation", "Previous Post", "Newer Post Older Post Home", "Beitragsnavigation", "Article précédent", "Entrada anterior"),
         "links to the previous and next post", opens="links"),
    Rule("links/read-more", "item", ("en", "de", "fr", "es"),
         _any(r"read more", r"continue reading", r"weiterlesen", r"mehr lesen", r"lire la suite", r"leer más", r"seguir leyendo", r"home"),
         ("Read more »", "Weiterlesen", "Lire la suite", "Leer más"),
         "'read more' links in a list of posts", within=("links",)),
    Rule("links/blogger", "line", ("en",),
         _any(r"subscribe to: post comments \(atom\)", r"posted by .{1,60} at \d{1,2}:\d{2}(?: ?[ap]m)?", r"email thisblogthis!.*",
              r"no comments", r"labels: " + _TERMS),
         ("Subscribe to: Post Comments (Atom)", "Posted by Anna at 10:31 AM", "Email ThisBlogThis!Share to XShare to Facebook"),
         "Blogger's post footer"),
    Rule("links/taxonomy", "line", ("en", "de", "fr", "es"),
         r"(?:tags|tagged(?: with)?|filed under|categories|category|posted in|topics|schlagwörter|schlagworte|stichwörter|kategorien"
         r"|kategorie|themen|étiquettes|mots-clés|catégories|catégorie|thèmes|etiquetas|categorías|categoría|temas)\s?:?\s"
         + _TERMS,
         ("Tags: Russia, China, NATO", "Filed Under: Politics", "Schlagwörter: Russland, China", "Étiquettes : Russie", "Etiquetas: Rusia"),
         "the post's tags and categories"),
    # -- share buttons ---------------------------------------------------------------------
    Rule("share/share-this", "section", ("en", "de", "fr", "es"),
         _any(r"share(?: this(?: article| post| story)?)?(?: on)?", r"(?:diesen )?(?:artikel|beitrag) teilen", r"teilen(?: mit)?",
              r"partager(?: cet article| sur)?", r"compart(?:ir|e)(?: esto| en)?"),
         ("Share this:", "Share", "Teilen mit:", "Partager :", "Compartir esto:"),
         "the heading of the share buttons", opens="share"),
    Rule("share/like-this", "section", ("en", "de", "fr", "es"),
         _any(r"like this:?(?: like loading\W*)?", r"gefällt mir:?(?: wird geladen\W*)?", r"j[’']aime(?: ça)?\s?:?(?: j[’']aime chargement\W*| chargement\W*)?",
              r"me gusta(?: esto)?:?(?: me gusta cargando\W*| cargando\W*)?"),
         ("Like this:", "Like this: Like Loading...", "Gefällt mir:", "J’aime ça :", "Me gusta esto:"),
         "WordPress's 'Like this' widget", opens="share"),
    Rule("share/button", "line", ("en", "de", "fr", "es"),
         _any(r"click to (?:share on|email a link to a friend|print).{0,60}", r"share (?:on|via|to) .{1,30}", r"tweet",
              r"klicken, um (?:auf .{1,40} zu teilen|einem freund einen link per e-mail zu senden|zu drucken).{0,60}",
              r"cliquez pour (?:partager sur|imprimer|envoyer).{0,80}", r"haz clic para (?:compartir en|imprimir|enviar).{0,80}",
              r"(?:cliquez|click|klicken|haz clic).{0,60}\((?:opens in new window|wird in neuem fenster geöffnet|ouvre dans une nouvelle fenêtre|se abre en una ventana nueva)\)"),
         ("Click to share on Twitter (Opens in new window)", "Share on Facebook", "Tweet", "Klicken, um auf Facebook zu teilen (Wird in neuem Fenster geöffnet)"),
         "a share button"),
    Rule("share/site", "item", ("en", "de", "fr", "es"),
         _any(_SHARE_SITES, r"print", r"drucken", r"imprimer", r"imprimir", r"more", r"mehr", r"plus", r"más", r"like",
              r"(?:like |gefällt mir |j[’']aime |me gusta )?(?:loading|wird geladen|chargement|cargando)\W*", r"copy link", r"link kopieren", r"copier le lien", r"copiar enlace", r"related",
              r"(?:" + _SHARE_SITES + r"[\s,|/]*){2,}"),
         ("Facebook", "Twitter", "WhatsApp", "Print", "Like Loading...", "Gefällt mir Wird geladen …"),
         "the name of a share target", within=("share",)),
    # -- newsletters -----------------------------------------------------------------------
    Rule("newsletter/sign-up", "section", ("en", "de", "fr", "es"),
         _any(r"(?:sign up|subscribe) (?:for|to) (?:our|the) (?:free )?(?:daily |weekly )?newsletter.{0,60}", r"get (?:our|the) newsletter",
              r"newsletter", r"subscribe(?: now)?", r"(?:jetzt )?(?:zum |den )?newsletter (?:abonnieren|anmelden|bestellen)",
              r"melden sie sich (?:jetzt )?für (?:unseren|den) newsletter an", r"(?:inscrivez-vous|abonnez-vous) à (?:notre|la) newsletter.{0,60}",
              r"recevez (?:notre|la) newsletter", r"suscríbete a (?:nuestro|el|nuestra) (?:boletín|newsletter).{0,60}", r"recibe (?:nuestro|el) boletín"),
         ("Sign up for our newsletter", "Newsletter abonnieren", "Inscrivez-vous à notre newsletter", "Suscríbete a nuestro boletín"),
         "a newsletter sign-up box", opens="newsletter"),
    # -- author box, Medium ----------------------------------------------------------------
    Rule("profile/author-box", "section", ("en", "de", "fr", "es"),
         _any(r"written by .{1,60}", r"about the author", r"über (?:den autor|die autorin)", r"à propos de l[’']auteur", r"sobre el autor"),
         ("Written by Jane Doe", "About the author", "Über die Autorin"),
         "the author's profile box under a post", opens="profile"),
    Rule("profile/follow", "item", ("en", "de", "fr", "es"),
         _any(r"follow", r"folgen", r"suivre", r"seguir", r"[\d.,]+k? (?:followers|follower|abonnés|seguidores)", r"--"),
         ("Follow", "1.2K Followers"), "follow buttons and counts", within=("profile", "links")),
    Rule("footer/medium", "line", ("en",),
         _any(r"--", r"[\d.,]+k?", r"help status about careers .{0,80}", r"sign up to discover human stories that deepen your understanding of the world",
              r"see all (?:responses|from .{1,60})", r"what are your thoughts\?"),
         ("--", "1.2K", "Help Status About Careers Press Blog Privacy Terms Text to speech Teams"),
         "Medium's page footer (separators, clap counts)"),
    Rule("footer/site", "line", ("en", "de", "fr", "es"),
         _any(r"(?:proudly )?powered by wordpress.{0,60}", r"theme(?: by|:) .{1,60}", r"back to top", r"privacy policy", r"cookie (?:policy|settings)",
              r"terms of (?:use|service)", r"impressum", r"datenschutz(?:erklärung)?", r"nach oben", r"mentions légales", r"haut de page",
              r"politique de confidentialité", r"aviso legal", r"política de privacidad", r"volver arriba",
              r"our standards: the thomson reuters trust principles"),
         ("Proudly powered by WordPress", "Back to top", "Impressum", "Mentions légales", "Aviso legal"),
         "the site's footer links"),
    # -- between the headline and the body -------------------------------------------------
    Rule("head/reading-time", "head", ("en", "de", "fr", "es"),
         _any(r"\d+ min(?:ute)?s? read(?: [·•|] .{1,40})?", r"(?:reading time|lesezeit|temps de lecture|tiempo de lectura)\s?: ?(?:ca\. )?\d+ min\w*\.?",
              r"\d+ min\.? (?:lesezeit|de lecture|de lectura)"),
         ("5 min read", "5 min read · Feb 5, 2022", "Lesezeit: 4 Min.", "Temps de lecture : 3 min"),
         "an estimated reading time"),
    Rule("head/buttons", "head", ("en", "de", "fr", "es"),
         _any(r"follow", r"listen", r"share", r"[·•|]", r"--", r"\d+(?:\.\d)?k?", r"folgen", r"anhören", r"teilen", r"suivre", r"écouter",
              r"partager", r"seguir", r"escuchar", r"compartir"),
         ("Follow", "Listen", "Share", "·"), "buttons under a Medium-style headline"),
    Rule("head/posted", "head", ("en", "de", "fr", "es"),
         _any(rf"(?:posted|published|updated|veröffentlicht|aktualisiert|publié|mis à jour|publicado|actualizado)(?: on| am| le| el)? {_DATE}.{{0,80}}",
              _DATE, rf"{_NUM} (?:comments?|kommentare?|commentaires?|comentarios?)"),
         ("Posted on February 5, 2022 by admin", "February 5, 2022", "05.02.2022, 10:31 Uhr", "Publié le 5 février 2022 à 10h31", "3 Comments"),
         "a post's date line (the date is not parsed: give it in the sidecar)"),
    Rule("head/byline", "head", ("en", "de", "fr", "es"),
         r"(?:by|von|par|por) [\w.’'\-]+(?: [\w.’'\-]+){0,4}(?: (?:and|und|et|y) [\w.’'\-]+(?: [\w.’'\-]+){0,3})?(?:,? .{1,40})?",
         ("By Jane Doe", "Von Anna Schmidt", "Par Marie Dupont", "Por Lucía García"),
         "a byline (authors need Person entries in the sidecar; the report keeps the text)"),
    # -- credits ---------------------------------------------------------------------------
    Rule("credit/source", "credit", ("en", "de", "fr", "es"),
         r"(?:source|sources|quelle|fuente|fonte)\s?:\s?(?P<name>[^\s.,;:!?][^.;:!?]{0,60}?)(?:\s\(?(?P<url>https?://\S+?)\)?)?",
         ("Source: Stern", "Quelle: dpa", "Source : AFP", "Fuente: EFE"),
         "a 'Source: X' line", relation="republished"),
    Rule("credit/via", "credit", ("en", "de", "fr", "es"),
         r"via:?\s(?P<name>[^\s.,;:!?][^.;:!?]{0,60}?)(?:\s\(?(?P<url>https?://\S+?)\)?)?",
         ("Via The Guardian", "via: Reuters"), "a 'Via X' line", relation="republished"),
    Rule("credit/originally-published", "credit", ("en", "de", "fr", "es"),
         "(?:" + _any(r"(?:this (?:article|story|post|piece) )?(?:was )?(?:originally|first) (?:appeared|published|ran) (?:in|on|by|at)",
              r"(?:dieser (?:artikel|beitrag|text) )?(?:ist |erschien )?(?:zuerst|ursprünglich) (?:erschienen )?(?:in|bei|auf|im)",
              r"(?:cet article a (?:été )?)?(?:initialement|d[’']abord|originellement) (?:paru|publié) (?:dans|sur|par)",
              r"(?:publié initialement|paru initialement) (?:dans|sur|par)",
              r"(?:este artículo (?:se )?)?(?:publicado|publicó|apareció) (?:originalmente|primero|por primera vez) (?:en|por)") + ")"
         + r"\s(?:the website of |der website von |le site (?:de|du) )?(?P<name>[^\s.,;:!?][^.,;:!?(]{0,60}?)"
           r"(?:\s\(?(?P<url>https?://\S+?)\)?)?(?:,? (?:on|am|le|el) .{1,40}?)?(?:,? (?:and|und|et|y) .{1,120}?)?",
         ("This article first appeared in Der Spiegel.", "Originally published by The Conversation", "Dieser Artikel erschien zuerst bei Zeit Online.",
          "Cet article a été initialement publié dans Le Monde.", "Este artículo se publicó originalmente en El País."),
         "'Originally published in/by X', 'This article first appeared in X'", relation="republished"),
    Rule("credit/copyright", "credit", ("en", "de", "fr", "es"),
         r"(?:\(c\)|©|copyright)\s*(?:©\s*)?(?P<year>(?:19|20)\d{2})?\s*(?P<name>[^\s.,;:!?|][^.;:!?|]{0,60}?)(?:[.,]?\s*(?:all rights reserved|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados))?",
         ("(c) 2022 dpa", "© 2022 AFP", "Copyright 2022 The Associated Press. All rights reserved."),
         "a copyright credit; at the end of the body it is the article's, after page furniture it is the site's footer"),
)

# Credits naming one of these are wire copy (``Source.relation`` "wire"); compared case-insensitively.
AGENCIES = frozenset({
    "dpa", "dpa-afx", "afp", "ap", "the associated press", "associated press", "reuters", "efe", "ansa", "apa", "kna", "epd",
    "sda", "keystone-sda", "belga", "anp", "europa press", "bloomberg", "upi", "kyodo", "xinhua", "tass", "pa", "pa media",
})


def by_name(name: str) -> Rule:
    for rule in RULES:
        if rule.name == name:
            return rule
    raise KeyError(name)


def markdown_table() -> str:
    """The rule table of ``docs/ingestion.md`` (a test checks the docs contain it verbatim)."""
    lines = ["| rule | kind | languages | what it matches | examples |", "|---|---|---|---|---|"]
    for rule in RULES:
        kind = rule.kind + (f" → {rule.opens}" if rule.opens else "") + (f" (in {', '.join(rule.within)})" if rule.within else "")
        examples = "<br>".join(f"`{e}`" for e in rule.examples).replace("|", "\\|")
        lines.append(f"| `{rule.name}` | {kind} | {', '.join(rule.languages)} | {rule.what.replace('|', '/')} | {examples} |")
    return "\n".join(lines) + "\n"
