"""Telling a page's UI chrome from its story, line by line, in any language.

The general signals come first: where a line sits (a caption right above an image credit,
the buttons of a cookie banner), how often it repeats, and whether it is a short line in
another language than the story (py3langid). Multilingual lexicons of common chrome (skip
links, cookie and share buttons, AI badges, section headings) in a dozen languages are a
second line of defence, for chrome written in the story's own language ("Go to contents").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from storyline.ingest.language import is_foreign_line

# Why a line is chrome. "related-heading" also marks where related-story blurbs begin.
COOKIE = "cookie"
LEXICON = "lexicon"
BADGE = "badge"
IMAGE_CREDIT = "image-credit"
CAPTION = "caption"
REPEATED = "repeated"
FOREIGN = "foreign"
NAVIGATION = "navigation"
HEADING = "heading"
RELATED_HEADING = "related-heading"
BUTTON = "button"
# Lines removed for these reasons are copies of the story's own language, not UI text.
NOT_UI = frozenset({CAPTION, REPEATED})

# Whole-line UI phrases (casefolded): skip links, consent buttons, share, login,
# subscribe, "read more", ads, search, "back to top", privacy links.
_UI_PHRASES = frozenset(
    """
go to contents|go to content|skip to content|skip to main content|skip to navigation|
jump to content|gå til indhold|spring til indhold|gå til hovedindhold|zum inhalt springen|
zum hauptinhalt springen|direkt zum inhalt|aller au contenu|aller au contenu principal|
passer au contenu|ir al contenido|saltar al contenido|saltar al contenido principal|
vai al contenuto|salta al contenuto|ga naar inhoud|naar de inhoud|hoppa till innehåll|
gå till innehåll|gå til innhold|hopp til innhold|przejdź do treści|pular para o conteúdo|
ir para o conteúdo|본문 바로가기|本文へ移動|本文へスキップ|跳到主要内容|перейти к содержанию|
accept|accept all|accept cookies|reject|reject all|decline|i agree|agree|ok|got it|
manage cookies|cookie settings|manage preferences|settings|afvis|accepter|accepter alle|
tillad alle|godkend|ablehnen|alle ablehnen|akzeptieren|alle akzeptieren|zustimmen|
einverstanden|refuser|tout refuser|tout accepter|j'accepte|rechazar|aceptar|aceptar todo|
rifiuta|accetta|accetta tutti|weigeren|accepteren|alles accepteren|avvisa|acceptera|
godkänn|avvis|godta|godta alle|odrzuć|akceptuj|zaakceptuj|rejeitar|aceitar|aceitar todos|
share|share this|share this article|share on facebook|share on twitter|share on x|tweet|
email|print|copy link|comments|comment|del|del artikel|del artiklen|teilen|
artikel teilen|partager|partager l'article|compartir|condividi|delen|dela|udostępnij|
compartilhar|log in|login|sign in|sign up|register|log ind|anmelden|einloggen|
se connecter|connexion|iniciar sesión|accedi|inloggen|logga in|logg inn|zaloguj się|
entrar|subscribe|subscribe now|abonnér|abonner|abonnieren|jetzt abonnieren|s'abonner|
abonnez-vous|suscríbete|suscribirse|abbonati|abonneren|prenumerera|subskrybuj|assine|
assinar|read more|continue reading|læs mere|weiterlesen|mehr lesen|lire la suite|
leer más|leggi di più|lees meer|läs mer|les mer|czytaj więcej|leia mais|advertisement|
advertising|sponsored|ad|annonce|reklame|anzeige|werbung|publicité|publicidad|
pubblicità|advertentie|annons|reklama|publicidade|menu|search|søg|suche|rechercher|
buscar|cerca|zoeken|sök|søk|szukaj|pesquisar|home|forside|startseite|accueil|inicio|
portada|back to top|til toppen|nach oben|haut de page|volver arriba|torna su|naar boven|
till toppen|do góry|voltar ao topo|privacy policy|terms of use|privatlivspolitik|
datenschutz|datenschutzerklärung|politique de confidentialité|política de privacidad|
informativa sulla privacy|privacybeleid|integritetspolicy|personvern|
polityka prywatności|política de privacidade
""".replace("\n", "").split("|")
)

# Headings after which the page lists other stories, each a blurb of its own.
_RELATED_HEADINGS = frozenset(
    """
related articles|related stories|related|related news|related content|more stories|
more on this story|see also|also read|read also|recommended|you may also like|more news|
most read|most popular|top stories|latest news|relaterede artikler|relaterede historier|
læs også|mest læste|verwandte artikel|ähnliche artikel|mehr zum thema|lesen sie auch|
das könnte sie auch interessieren|meistgelesen|articles connexes|articles liés|
à lire aussi|lire aussi|sur le même sujet|les plus lus|artículos relacionados|
noticias relacionadas|te puede interesar|lee también|lo más leído|articoli correlati|
notizie correlate|potrebbe interessarti|leggi anche|i più letti|gerelateerde artikelen|
gerelateerd|meer nieuws|lees ook|meest gelezen|relaterade artiklar|läs också|läs även|
mest lästa|relaterte artikler|relaterte saker|les også|mest lest|powiązane artykuły|
zobacz też|czytaj też|czytaj także|artigos relacionados|notícias relacionadas|
veja também|leia também|mais lidas|관련 기사|관련기사|関連記事|相关文章|相关新闻|
похожие статьи|читайте также
""".replace("\n", "").split("|")
)

# Section headings of the page's own story ("what people say"): dropped, text kept.
_SECTION_HEADINGS = frozenset(
    """
what people say|what people are saying|reactions|key points|summary|in brief|
highlights|background|hvad folk siger|reaktioner|was die leute sagen|reaktionen|
ce que disent les gens|réactions|lo que dice la gente|reacciones|cosa dice la gente|
reazioni|wat mensen zeggen|reacties|vad folk säger|reaktioner|hva folk sier|
co mówią ludzie|reakcje|o que as pessoas dizem|reações
""".replace("\n", "").split("|")
)

# "Reported by AI", "Billede genereret af AI", "KI-generiert", "Image générée par IA".
_AI_BADGE = re.compile(
    r"\b(?:generated|created|made|written|reported|genereret|rapporteret|skrevet|"
    r"generiert|erstellt|geschrieben|généré|générée|rédigé|generado|generada|generato|"
    r"generata|gegenereerd|genererad|generert|wygenerowane|wygenerowany|gerado|gerada)\b"
    r"[^.!?]{0,24}?\b(?:ai|ki|ia|a\.i\.)\b"
    r"|\b(?:ai|ki|ia)[- ](?:generated|generiert|généré|générée|generado|generata)\b",
    re.IGNORECASE,
)
_IMAGE_WORD = re.compile(
    r"\b(?:photo|photos|photograph|picture|image|illustration|graphic|foto|fotos|billede|"
    r"bild|bilde|bilden|imagen|immagine|afbeelding|zdjęcie|imagem|фото|사진|写真|图片|画像)\b",
    re.IGNORECASE,
)
_CREDIT_LINE = re.compile(
    r"^\W*(?:©|\(c\)|(?:photo|image|picture|illustration|credit|foto|billede|bild|bilde|"
    r"imagen|immagine|afbeelding|zdjęcie|imagem)s?\s*(?:by|credit|:|/|—|-|–))"
    r"|\b(?:getty images|shutterstock|istock|ap photo|afp photo|reuters photo|yonhap photo|"
    r"epa-efe|file photo)\b",
    re.IGNORECASE,
)
# A caption that carries its credit at the end: "... in Hanoi. (AP Photo/Evan Vucci)".
_INLINE_CREDIT = re.compile(
    r"\((?:[^()]*\b(?:photo|photos|foto|getty images|shutterstock|file photo)\b[^()]*)\)\s*$",
    re.IGNORECASE,
)
_COOKIE_WORD = re.compile(r"cookie|ciasteczk|쿠키|クッキー", re.IGNORECASE)
# A cookie line is a notice when the site speaks: "we use", "this site", "vores side".
_SITE_SPEAKS = re.compile(
    r"\b(?:we|our|you|this (?:web)?site|vi|vores|dette websted|wir|unsere|diese website|"
    r"nous|nos|ce site|usamos|nuestro|este sitio|utilizziamo|questo sito|wij|onze|"
    r"deze website|vår|denna webbplats|dette nettstedet|używamy|ta strona|nosso|este site)\b",
    re.IGNORECASE,
)
_NAV_SEPARATOR = re.compile(r"\s+(?:\||•|·|›|»|>|/)\s+")
_EDGE_PUNCT = " \t.:;,!?|•·›»>-–—*#"


@dataclass(frozen=True)
class PageLine:
    """One non-blank line of a capture, whitespace-normalized, with its block number.

    Blocks are runs of lines between blank lines; position in a block is what tells a
    caption (right above an image credit) from a paragraph.
    """

    index: int
    block: int
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _key(text: str) -> str:
    return text.strip(_EDGE_PUNCT).casefold()


def is_related_heading(text: str) -> bool:
    return _key(text) in _RELATED_HEADINGS


def is_image_credit(text: str) -> bool:
    """A short line crediting an image: "Photo: Reuters", "Billede genereret af AI"."""
    if len(text.split()) > 12:
        return False
    if _CREDIT_LINE.search(text):
        return True
    return bool(_AI_BADGE.search(text) and _IMAGE_WORD.search(text))


def lexicon_reason(text: str) -> str | None:
    """Why a line is chrome by the lexicons alone, or None."""
    key = _key(text)
    words = len(text.split())
    if key in _RELATED_HEADINGS:
        return RELATED_HEADING
    if key in _SECTION_HEADINGS:
        return HEADING
    if key in _UI_PHRASES:
        return LEXICON
    if is_image_credit(text):
        return IMAGE_CREDIT
    if words <= 12 and _AI_BADGE.search(text):
        return BADGE
    if _COOKIE_WORD.search(text) and (words <= 8 or (words <= 80 and _SITE_SPEAKS.search(text))):
        return COOKIE
    if words <= 40 and _INLINE_CREDIT.search(text):
        return CAPTION
    parts = _NAV_SEPARATOR.split(text)
    if len(parts) >= 3 and all(0 < len(p.split()) <= 4 for p in parts):
        return NAVIGATION
    return None


@dataclass
class ChromeVerdicts:
    """Per line index, why that line is chrome; and the languages of foreign lines."""

    reasons: dict[int, str]
    foreign_languages: list[str]


def classify_chrome(
    lines: Sequence[PageLine], content_language: str | None, *, skip: frozenset[int]
) -> ChromeVerdicts:
    """Decide for every line of a page whether it is chrome, and why.

    ``skip`` holds indices already taken for metadata ("Posted ..." lines).
    """
    reasons: dict[int, str] = {}
    foreign: list[str] = []
    for line in lines:
        if line.index in skip:
            continue
        reason = lexicon_reason(line.text)
        if reason is None and line.words <= 40:
            lang = is_foreign_line(line.text, content_language)
            if lang is not None:
                reason = FOREIGN
                foreign.append(lang)
        if reason is not None:
            reasons[line.index] = reason
    _mark_captions(lines, reasons, skip)
    _mark_repeats(lines, reasons, skip)
    _mark_banner_buttons(lines, reasons, skip)
    return ChromeVerdicts(reasons, foreign)


def _mark_captions(
    lines: Sequence[PageLine], reasons: dict[int, str], skip: frozenset[int]
) -> None:
    # A caption sits directly above its credit, in the same block; the same words may also
    # appear as the image's alt text just before it, or again elsewhere on the page.
    captions: set[str] = set()
    for line, below in pairwise(lines):
        if line.block != below.block or line.index in skip or line.index in reasons:
            continue
        if reasons.get(below.index) == IMAGE_CREDIT:
            reasons[line.index] = CAPTION
            captions.add(line.text)
    for line, below in pairwise(lines):
        # Alt text and caption printed one after the other: the same line twice in a row.
        if line.text == below.text and line.block == below.block and line.words > 4:
            captions.add(line.text)
    for line in lines:
        if line.text in captions and line.index not in skip:
            reasons.setdefault(line.index, CAPTION)


def _mark_repeats(lines: Sequence[PageLine], reasons: dict[int, str], skip: frozenset[int]) -> None:
    counts = Counter(_key(line.text) for line in lines if line.index not in skip)
    seen: set[str] = set()
    for line in lines:
        key = _key(line.text)
        if line.index in skip or line.index in reasons or counts[key] < 2:
            continue
        # A few words that recur are UI ("Share", a badge); a longer repeat is a pull
        # quote or a doubled paragraph, so the first copy stays.
        if line.words <= 4 or key in seen:
            reasons[line.index] = REPEATED
        seen.add(key)


def _mark_banner_buttons(
    lines: Sequence[PageLine], reasons: dict[int, str], skip: frozenset[int]
) -> None:
    # The buttons of a cookie banner ("Afvis", "OK") share its block.
    banner_blocks = {line.block for line in lines if reasons.get(line.index) == COOKIE}
    for line in lines:
        if line.block in banner_blocks and line.words <= 4 and line.index not in skip:
            reasons.setdefault(line.index, BUTTON)
