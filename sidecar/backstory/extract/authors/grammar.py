"""The byline grammars, as named data: the pieces a byline is built of (a name, a list of names, a date, a label,
a newsroom role) and the lines they make ('By Ann Lee | March 3, 2020', 'Autor: Ann Lee', 'Ann Lee, Staff Writer').

Each line pattern is declared (rules.declare) with an id, a line of doc, examples it fires on and examples it
must not; the sources in sources.py try them in a stated order. The fragments are plain strings so that the line
patterns read as what they match."""

from __future__ import annotations

import re

from ... import lexicon
from ..rules import declare

# capitals with accents open names too: 'Ángel', 'Łukasz', 'Žiga'
CAPITAL = "A-ZÀ-ÖØ-ÞĀ-ž"
_CREDENTIALS = lexicon.words("credentials")
_PARTICLES = lexicon.words("byline_name_particles")

# --- fragments ---
# a name: capitalised words and particles (not the 'For' that names the outlet after a byline: 'By Jane Doe For Dailymail.com')
NAME = rf"[{CAPITAL}][\w.'’-]*(?:[ \t]+(?:(?!(?:For|FOR)\b)[{CAPITAL}][\w.'’-]*|{'|'.join(sorted(_PARTICLES))}))*"
# the same, at most eight words long, for a pattern that may start anywhere in a line: an unbounded name would be read
# again from every 'by' or 'von' of a long run of capitalised words ('von Ann von Ann …'), in quadratic time
SHORT_NAME = rf"[{CAPITAL}][\w.'’-]*(?:[ \t]+(?:(?!(?:For|FOR)\b)[{CAPITAL}][\w.'’-]*|{'|'.join(sorted(_PARTICLES))})){{0,7}}"
NAMES = rf"{NAME}(?:[ \t]*(?:,|,?[ \t]*and|&)[ \t]*{NAME}){{0,7}}"  # up to eight names joined by commas, 'and' or '&'
# (in a byline in another language, its 'and' too: 'Von Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz')
NAME_SEPARATOR = r"(?:[ \t]*,|,?[ \t]+(?:and|und|et|y|e)[ \t]|[ \t]*&)[ \t]*"  # (whole words: not the 'e' of 'Neueste')
ANY_NAMES = rf"{NAME}(?:{NAME_SEPARATOR}{NAME}){{0,3}}"
# (credentials may follow, and the date: 'By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.',
# 'Written by Rachael Link, MS, RD on November 14, 2019', 'By HNN Staff | November 18, 2019')
# (a weekday's or a month's name, in any case and spelt out or not: 'Mon', 'MARCH')
WEEKDAY = r"(?i:mon|tue|wed|thu|fri|sat|sun)[a-zA-Z]*"
MONTH = r"(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-zA-Z]*"
DATE_TAIL = (r"[ \t]+(?:(?:on|[|·•–—/-])[ \t]+(?i:(?:updated|published|posted)(?:[ \t]+on)?[ \t:]+)?"
             rf"(?:\d|(?:{WEEKDAY}|{MONTH})\b)|(?i:updated|published|posted)(?:[ \t]+on)?[ \t:]+(?:\d|(?:{WEEKDAY}|{MONTH})\b)).*")
BYLINE_DATE = rf"(?:{DATE_TAIL})?"
BYLINE_CREDENTIALS = rf"(?:[ \t]*,[ \t]*(?i:{'|'.join(re.escape(c) for c in sorted(_CREDENTIALS))})\.?(?![\w.]))*"
# a health site's reviewer beside the byline, in either order ('Medically reviewed by Debra Sullivan, PhD — Written by
# Ann Lee on May 3, 2020', 'Written by Ann Lee — Fact checked by Tom Roe'): not an author
REVIEWED = r"(?i:medically[ \t]+|clinically[ \t]+|fact[- ]checked|reviewed)(?:[ \t]*reviewed)?[ \t]+by[ \t]+"
# the kind of piece before 'by' ('Guest post by Ann Lee', 'Analysis by Ann Lee')
KIND_BY = r"(?:Guest[ \t]+(?:[Pp]ost|[Cc]olumn|[Ee]ssay|[Bb]log|[Aa]rticle)|Column|Commentary|Analysis|Essay|Opinion|Interview)[ \t]+by"
# the outlet the writer wrote it for, and their social-media handle ('By Ann Lee For Dailymail.com', 'By Ann Lee @annlee',
# 'By Ann Lee, ann.lee@example.com')
FOR_OUTLET = r"(?:[ \t]+(?:For|FOR|for)[ \t]+[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){0,4})?"
HANDLE = r"(?:[ \t]+@\w{2,30}|[ \t]*[,|·•]?[ \t]*[\w.+-]{1,40}@[\w-]{1,40}\.[\w.]{2,20})?"  # (or their address)
# who the writer is, after a comma ('By Ann Lee, Special to the Times', 'By Ann Lee, a reporter covering city hall')
WRITER_ROLE = (r"(?:[ \t]*,[ \t]*(?:(?:Special|Exclusive)[ \t]+(?:to|for)[ \t]+(?:the[ \t]+)?[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){0,4}|"
               r"(?:a|an)[ \t]+[a-z][^\n,]{2,80}))?")
# the outlet after a bar or a slash ('By Ann Lee and Tom Roe | The Washington Post', 'By Ann Lee / CBS News'), unless
# what follows is a date
AFTER_PIPE = (rf"(?:[ \t]*[|·•/][ \t]*(?!(?:(?i:updated|published|posted)[a-zA-Z]*|{WEEKDAY}|{MONTH})\b)"
              r"(?:The[ \t]+)?[A-Z][\w.&'’-]*(?:[ \t]+[A-Z][\w.&'’-]*){0,4})?")
# the section after the name ('by Ann Lee in News, Politics')
IN_SECTION = r"(?:[ \t]+in[ \t]+[A-Z][\w&'’-]*(?:[ \t,]+(?:&[ \t]+)?[A-Z][\w&'’-]*){0,5})?"
# a date ('March 3, 2020', '3 March 2020', '2020-03-03', '03.03.2020'), its weekday before it
DAY_DATE = (rf"(?:{WEEKDAY},?[ \t]+)?(?:{MONTH}\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?,?[ \t]+\d{{4}}|"
            rf"\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{MONTH}\.?,?[ \t]+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})")
# 'Published by' and 'Written by' in other languages ('Publicado por: Clarissa Borba', 'Publié par Matthieu Hy')
PUBLISHED_BY = (r"(?:(?:Publicado|Escrito|Redactado)[ \t]+por|(?:Publié|Écrit|Rédigé)[ \t]+par|(?:Veröffentlicht|Geschrieben|"
                r"Verfasst)[ \t]+von|(?:Pubblicato|Scritto)[ \t]+da|(?:Geplaatst|Geschreven)[ \t]+door)")
# the date before the byline and the post's category after it ('05/10/2018 - Publicado por: Clarissa Borba - Categoria:
# Saúde', '05/10/2018 - Posted by: Ann Lee - Category: Health')
DATE_HEAD = rf"(?:{DAY_DATE}[ \t]*[-–—|·•][ \t]*)?"
CATEGORY_TAIL = r"[ \t]*[-–—|·•][ \t]*(?i:categor(?:y|ies|ia|ias|ía|ías)|catégories?|kategorien?|rubrik)[ \t]*:.*"
# under a headline, a line with only the names and their newsroom role ('Ann Lee, Contributor', 'Ann Lee | Staff
# Writer'); not an agency ('Al Goldis, Associated Press' is a photo's credit as often as a byline), and not the role on
# a line of its own (a menu: 'Auto Racing' / 'Columnists')
NEWSROOM_ROLE = (r"(?:(?:Senior|Chief|Contributing|Special|Freelance|Guest)[ \t]+)?(?:Staff[ \t]+)?"
                 r"(?i:writer|reporter|correspondent|contributor|columnist)s?")
ROLE_PREFIXES = r"(?:Senior|Chief|Contributing|Special|Freelance|Guest|Staff)"
# a wire agency as a credit line writes it ('CBS/AP')
AGENCY = rf"(?:{'|'.join(map(re.escape, lexicon.entry('byline_agency_credits').ordered))})"

# --- lines ---
# a label and its colon before the names on the same line ('Author: Ann Lee', 'Authors: Ann Lee, Tom Roe'); tried
# before the label with a role after one name, which would keep only the first of a list
LABELLED_AUTHOR = declare(
    "byline.author-label-line", "'Author:' (or 'Reporter:', 'Text:') and the names on one line, credentials and a date after them.",
    rf"^(?:Authors?|Reporters?|Writer|Text)[ \t]*:[ \t]*({NAMES}){BYLINE_CREDENTIALS}{BYLINE_DATE}[ \t]*$", re.M,
    fires_on=["Authors: Ann Lee, Tom Roe", "Reporter: Ann Lee | March 3, 2020"], never_on=["Author: the staff of the paper"])
BYLINE_LINE = declare(
    "byline.by-line", "A line that is only a byline: 'By' (or 'Written by', 'Analysis by'), the names, and what may follow them.",
    rf"^(?:{REVIEWED}[^—–|•\n]{{3,80}}?[ \t]*[—–|•][ \t]*)?"
    rf"(?:[-–—]{{2,}}[ \t]*[Bb]y|[Bb]y|BY|Written by|Words by|Story by|Text by|Reported by|Compiled by|Published by|{KIND_BY})[ \t]*:?[ \t]*"
    rf"({NAMES}){BYLINE_CREDENTIALS}{WRITER_ROLE}{FOR_OUTLET}{HANDLE}{AFTER_PIPE}{IN_SECTION}{BYLINE_DATE}"
    rf"(?:[ \t]*[—–|•][ \t]*{REVIEWED}.*)?[ \t]*$", re.M,
    fires_on=["By Louis Jacobson on Monday, November 18th, 2019 at 11:04 a.m.", "By Ann Lee and Tom Roe / The Washington Post"],
    never_on=["By Jane Doe - The city council met on Monday", "By Ann Lee, the city council met on Monday"])
# the date, then 'by' and the names ('Posted on March 3, 2020 by Ann Lee', '3 March 2020 | by Ann Lee in News')
DATE_BY_LINE = declare(
    "byline.date-then-by", "The date, then 'by' and the names ('Posted on March 3, 2020 by Ann Lee', '3 March 2020 | by Ann Lee in News').",
    rf"^(?:(?i:posted|published|updated)(?:[ \t]+on)?[ \t]*:?[ \t]+)?{DAY_DATE}[ \t]*[|·•–—-]?[ \t]*(?i:by)[ \t]+"
    rf"({NAMES}){IN_SECTION}(?:[ \t]*[|·•–—-]?[ \t]*(?:\d+|[Nn]o|[Ll]eave[ \t]+a)[ \t]+[Cc]omments?.*)?[ \t]*$", re.M,
    fires_on=["March 3, 2020 by Ann Lee 4 Comments", "Updated March 3, 2020 By Ann Lee"], never_on=["March 3, 2020 by the river"])
# the same in other languages ('Von Cosima Künzel', 'Par Matthieu Hy', 'Autorin: Uta Staschewski', 'Ein Artikel von
# Pamela Sladky | 27.01.2022 - 12:45', 'Von David Hutzler, dpa'); the news agency after a comma is dropped
FOREIGN_BYLINE_LINE = declare(
    "byline.other-languages", "A byline in German, French, Spanish, Portuguese, Italian or Dutch ('Von …', 'Par …', 'Publicado por: …', 'Autorin: …').",
    rf"^{DATE_HEAD}(?:{PUBLISHED_BY}[ \t]*:?|(?:[Vv]on|[Pp]ar|[Pp]or|Door)(?=[ \t]*:?[ \t]+)[ \t]*:?|(?:Text|Ein[ \t]+(?:Artikel|Beitrag|Interview))[ \t]+von|Autoren|Autorinnen|"
    rf"(?:Autor|Autorin|Autoren|Auteur|Autore|Text|Text[ \t]*(?:&|und)[ \t]*(?:Fotos?|Bilder?))[ \t]*:)"
    rf"[ \t]*({ANY_NAMES})(?:[ \t]*,[ \t]*[a-zA-Z]{{2,6}})?{BYLINE_CREDENTIALS}"
    # (the date: 'am 07.08.2013 um 09:07 Uhr', ', 21 juin 2018')
    rf"(?:{DATE_TAIL}|[ \t]+(?:am|le|el)[ \t]+\d.*|[ \t]*,[ \t]*\d{{1,2}}\.?[ \t]+\w+[ \t]+\d{{4}}|{CATEGORY_TAIL})?[ \t]*$", re.M,
    fires_on=["Von David Hutzler, dpa", "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde", "par Didier Roy, 21 juin 2018"],
    never_on=["Von Wiener Walzer und der Kunst, gut zu leben", "Par ici la sortie"])
# a name, then when it was published ('Jacobo Betancur Peláez | Publicado hace 3 horas', 'Ann Lee | Published 3 hours ago')
NAME_PUBLISHED_LINE = declare(
    "byline.name-then-published", "A name, then when it was published ('Jacobo Betancur Peláez | Publicado hace 3 horas').",
    rf"^({ANY_NAMES})[ \t]*[|·•][ \t]*(?i:publicado|publié|publicat|veröffentlicht|published|posted)\b.*$", re.M,
    fires_on=["Jacobo Betancur Peláez | Publicado hace 3 horas"], never_on=["Jacobo Betancur Peláez | Deportes"])
# an 'Author:' label, the name, then the writer's role ('Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien.',
# 'Author: Ann Lee (Guest Post), …')
LABELLED_AUTHOR_WITH_ROLE = declare(
    "byline.author-label-with-role", "An 'Author:' label, one name, then the writer's role after a comma or a bracket.",
    rf"^(?:Authors?|Autor|Autorin|Auteur|Autore)[ \t]*:[ \t]*({NAME})[ \t]*[,(].*$", re.M,
    fires_on=["Autorin: Uta Staschewski, Projektleiterin der HSS in Tunesien."], never_on=["Autorin: Uta Staschewski"])
# the attribution of a Creative Commons licence ('Ein Hundetagebuch von Donald Townsend steht unter einer Creative Commons
# Namensnennung 3.0 Unported Lizenz.', 'This work by Ann Lee is licensed under a Creative Commons …')
LICENSED_BY = declare(
    "byline.creative-commons-attribution", "The attribution of a Creative Commons licence ('This work by Ann Lee is licensed under a Creative Commons …').",
    rf"\b(?:by|von)[ \t]+({SHORT_NAME})[ \t]+(?:is[ \t]+licensed[ \t]+under|ist[ \t]+lizenziert[ \t]+unter|"
    rf"steht[ \t]+unter)[ \t]+(?:a|an|einer)[ \t]+Creative[ \t]+Commons",
    fires_on=["This work by Ann Lee is licensed under a Creative Commons Attribution 4.0 International License."],
    never_on=["This work is licensed under a Creative Commons Attribution 4.0 International License."])
# a link to the writer's archive ('View all posts by Ann Lee', 'Mehr Artikel von Stefanus Stahl →', 'Alles von Martin Junker')
ARCHIVE_LINK_LINE = declare(
    "byline.archive-link", "A link to the writer's archive on a line of its own ('View all posts by Ann Lee', 'Alles von Martin Junker').",
    rf"^(?:(?:View[ \t]+)?(?:all[ \t]+)?(?i:posts|articles|stories)[ \t]+by|(?:Zeige[ \t]+)?[Aa]lle[ \t]+"
    rf"(?:Beiträge|Artikel)[ \t]+von|Alles[ \t]+von|Mehr[ \t]+(?:Artikel|Beiträge)[ \t]+von)[ \t]+({NAME})"
    rf"[ \t]*[→›»]?[ \t]*$", re.M,
    fires_on=["View all posts by Ann Lee", "Mehr Artikel von Stefanus Stahl →"], never_on=["View all posts"])
# the date, then the name, on a line of their own ('11.12.2019 - Amelie Loevenich', '04.02.2022 | 13:10 Uhr | Uta Helkenberg')
DATED_NAME_LINE = declare(
    "byline.date-then-name", "A date, then a name, on a line of their own ('11.12.2019 - Amelie Loevenich').",
    rf"^\d{{1,2}}\.\d{{1,2}}\.\d{{4}}[ \t]*(?:[|·•][ \t]*\d{{1,2}}:\d{{2}}(?:[ \t]*Uhr)?[ \t]*)?"
    rf"[-–—|·•][ \t]*({ANY_NAMES})[ \t]*$", re.M,
    fires_on=["11.12.2019 - Amelie Loevenich", "04.02.2022 | 13:10 Uhr | Uta Helkenberg"], never_on=["11.12.2019 - 12:00"])
# 'Author' / 'Written by' on its own line (a fact box), the name on the next one
# ('Auteur' / 'Uriel Gadessaud'; a plural label must be followed by several names: 'Authors' / 'Neueste Aktivitäten'
# is a forum's menu)
# (the name may carry its agency after a slash, 'Peter Maahn/SP-X', or the comma of a list the markup left behind)
AUTHOR_LABEL = declare(
    "byline.author-label-above", "'Author' (or 'Auteur', 'Written by') on a line of its own, the name on the next one.",
    rf"^(?:Author|Auteure?|Autor(?:in|a|e)?|Written by|Words by|Reporter)[ \t]*:?[ \t]*\n[ \t]*({NAME})"
    r"(?:[ \t]*/[ \t]*[A-Z][A-Za-z-]{1,12}|,)?[ \t]*$", re.M,
    fires_on=["Auteur\nUriel Gadessaud", "Autor:\nPeter Maahn/SP-X"], never_on=["Author\nthe staff"])
AUTHORS_LABEL = declare(
    "byline.authors-label-above", "'Authors' on a line of its own, two to four names on the next one.",
    rf"^(?:Authors|Auteur(?:e?s)|Autoren|Autorinnen|Autores|Autori)[ \t]*:?[ \t]*\n[ \t]*"
    rf"({NAME}(?:{NAME_SEPARATOR}{NAME}){{1,3}})[ \t]*$", re.M,
    fires_on=["Authors\nAnn Lee and Tom Roe"], never_on=["Authors\nNeueste Aktivitäten"])
# 'Posted by Konstantin' or 'Posted by Konstantin @ 12:00 am' as a line of its own
POSTED_BY_LINE = declare(
    "byline.posted-by", "'Posted by' and one name as a line of its own ('Posted by Konstantin @ 12:00 am').",
    rf"^{DATE_HEAD}(?:Posted|POSTED)[ \t]+(?:by|BY)[ \t]*:?[ \t]+({NAME})(?:[ \t]+(?:@|at|on)[ \t].*|{CATEGORY_TAIL})?$", re.M,
    fires_on=["Posted by Konstantin @ 12:00 am", "Posted by: Ann Lee"], never_on=["Posted by the team"])
# '| By' in one element and the name in the next ('<span>| By </span> <span>Cara Stiles</span> |'; 'Von' /
# 'Lisa Petrich' in German, 'Por' in Spanish)
SPLIT_BYLINE = declare(
    "byline.label-then-names", "'By' (or 'Von', 'Por') alone on a line, the names on the next one.",
    rf"^[|·•]?[ \t]*(?:By|Von|Por|Par|Door)[ \t]*:?[ \t]*\n[ \t]*({NAMES})[ \t]*[|·•]?[ \t]*$", re.M,
    fires_on=["| By\nCara Stiles |", "Von:\nGötz Warnke"], never_on=["By\nthe river"])
# 'By Aaron Humes: The Americas cannot …' opening the article's first paragraph
LEADING_BYLINE = declare(
    "byline.opening-by", "'By' and a name opening the article's first paragraph ('By Aaron Humes: The Americas cannot …').",
    rf"^By\s+({NAME})\s*[:|–—]\s+\S", use="match",
    fires_on=["By Aaron Humes: The Americas cannot ignore the risk."], never_on=["By the river: a story"])
WEB_ADDRESS = declare(
    "byline.web-address", "A web address an organisation signs with ('Deutsche Welle (www.dw.com)').",
    r"\(?\s*(?:https?://|www\.)\S+\s*\)?", re.I, fires_on=["Deutsche Welle (www.dw.com)"], never_on=["Deutsche Welle"])
# 'Written by: Julie Mollins' as a paragraph of its own at the top of the text
WHOLE_BYLINE = declare(
    "byline.paragraph", "A paragraph that is only a byline ('Written by: Julie Mollins') at the top of the text.",
    rf"^(?:By|Written by|Words by|Story by|Reported by|{KIND_BY})[ \t]*:?[ \t]*({NAMES})[ \t]*$", use="match",
    fires_on=["Written by: Julie Mollins"], never_on=["Written by: Julie Mollins, who lives in Bogor."])
# a letters-to-the-editor page, by its headline or address ('Letters: Coddling criminals | …', '/letters-1119/')
LETTERS_PAGE = declare(
    "byline.letters-page", "A letters-to-the-editor page, by its headline or address ('Letters: …', '/letters-1119/').",
    r"^\s*letters?\b|letters? to the editor|/letters?(?:[-_/]|$)", re.I,
    fires_on=["Letters: Coddling criminals", "/2023/01/16/letters-1119/"], never_on=["Court drops special circumstances /news-1119/"])
# a letter's signature: the writer's name alone, or followed by the town ('— Jon Rego, Oakland')
SIGNATURE = declare(
    "byline.letter-signature", "A letter's signature: the writer's name alone, or followed by the town ('— Jon Rego, Oakland').",
    rf"^[-–—]?\s*(?P<name>{NAME})\s*(?:,\s*[A-Z][\w.' -]{{1,40}})?$", use="match",
    fires_on=["— Jon Rego, Oakland", "Ninfa Wood"], never_on=["It should not surprise anyone."])
TOWN_LINE = declare(
    "byline.town-line", "A town's name on the line under a letter's signature ('Walnut Creek').",
    r"^[A-Z][\w.'-]*(?:[ ,]+[A-Z][\w.'-]*){0,3}$", use="match", fires_on=["Walnut Creek"], never_on=["undermine rural road"])
# '– David Dunkley' closing the article
SIGN_OFF = declare(
    "byline.sign-off", "A name closing the article after a dash or 'Posted by' ('– David Dunkley').",
    rf"^(?:[-–—]\s*|Posted by\s+|Written by\s+)({NAME})\s*(?:$|,)", use="match",
    fires_on=["– David Dunkley", "Posted by Alex Duran, AMP Project Marketing, Google"], never_on=["- see also the report"])
# a signature closing the text: a name alone in the next-to-last paragraph, a date alone in the last one ('Benni' /
# '10. September 2017'), as a blog signs its posts
DATED_SIGNATURE = declare(
    "byline.dated-signature", "A name alone just before a last paragraph that is a date alone ('Benni' / '10. September 2017'): the text's signature.",
    rf"^({NAME})\n(?:\d{{1,2}}\.?[ \t]+{MONTH}[ \t]+(?:19|20)\d\d|{MONTH}[ \t]+\d{{1,2}},?[ \t]+(?:19|20)\d\d|\d{{1,2}}[./]\d{{1,2}}[./](?:19|20)\d\d)$",
    use="match", fires_on=["Benni\n10. September 2017", "Ann Lee\nMarch 3, 2020"],
    never_on=["Benni\nBerlin", "So Long, and Thanks for All the Fish!\n10. September 2017", "Benni\n2017"])
# a footnote or a quotation's source, not a sign-off ('- Lucius Annaeus Seneca, röm. Philosoph … Quelle: www.zitate.net [↩]')
FOOTNOTE = declare(
    "byline.footnote", "A footnote or a quotation's source, not a sign-off ('… Quelle: www.zitate.net [↩]').",
    r"↩|\b(?:Quelle|Source|Fuente|Zitat|Quote)[ \t]*:", re.I,
    fires_on=["- Lucius Annaeus Seneca, röm. Philosoph. Quelle: www.zitate.net [↩]"], never_on=["- David Dunkley, Senior Reporter"])
# (the role may follow on the next line when it opens so, 'Ann Lee' / 'Staff Reporter'; it may name the paper, 'Ann Lee,
# Gleaner Writer', 'Ann Lee/Observer Staff Reporter'; the paper or the date may follow it, 'Ann Lee, Staff Writer, The Times')
NAME_CREDIT_LINE = declare(
    "byline.name-and-newsroom-role", "Under a headline, the names and their newsroom role ('Ann Lee, Contributor', 'Ann Lee | Senior Staff Writer').",
    rf"^[ \t]*({NAMES})(?:[ \t]*[,|/][ \t]*|[ \t]+[-–—][ \t]+|[ \t]*\n[ \t]*(?={ROLE_PREFIXES}[ \t]))"
    rf"(?:(?!{ROLE_PREFIXES}\b)[A-Z][\w'’.-]*[ \t]+){{0,2}}{NEWSROOM_ROLE}"
    r"(?:[ \t]*[,|·•][ \t]*\S[^\n]{0,60})?[ \t]*$", re.M,
    fires_on=["Ann Lee, Contributor", "Ann Lee, Gleaner Writer", "Ann Lee\nStaff Reporter"],
    never_on=["Ann Lee, The Mayor Of Springfield", "Ann Lee/Staff Photographer"])
# under a headline, the names and when the piece was posted, or how long it takes to read ('Ann Lee Posted: March 3,
# 2020', 'Ann Lee · 4 min read', 'Ann Lee 3 hours ago'); only there, as readers' comments are headed so too
NAME_STAMP_LINE = declare(
    "byline.name-and-time-stamp", "Under a headline, the names and when it was posted or how long it takes to read ('Ann Lee · 4 min read').",
    rf"^[ \t]*({NAMES})[ \t]*(?:[|·•,–—-][ \t]*)?(?:(?i:posted|published|updated)[ \t]*:?[ \t]+(?:on[ \t]+)?"
    rf"(?:\d|(?:{WEEKDAY}|{MONTH})\b)|\d{{1,2}}[ \t]+(?i:min(?:ute)?s?|hours?|hrs?)[ \t]+(?i:read|ago)\b)[^\n]*$", re.M,
    fires_on=["Ann Lee Posted: March 3, 2020", "Ann Lee · 4 min read", "Ann Lee 3 hours ago"], never_on=["Port Louis, March 3, 2020"])
# with no 'By', a list under the headline whose last part is a desk or a bureau ('New Delhi, News Nation Bureau |
# Updated : …'): a dateline's place and the newsroom that filed it, no person
PLACE_AND_DESK = declare(
    "byline.place-and-desk", "Under a headline with no 'By', names whose last part is a desk or a bureau ('New Delhi, News Nation Bureau'): a dateline's place and its newsroom, no person.",
    rf",[ \t]*(?:[{CAPITAL}][\w.'’-]*[ \t]+){{1,3}}(?i:bureau|desk|staff|team|newsroom)$",
    fires_on=["New Delhi, News Nation Bureau", "Mumbai, Online Desk"], never_on=["Ann Lee, Tom Roe", "Ann Lee", "Ann Lee and Tom Staff"])
# a column's host on the line right under its headline ('A.Word.A.Day' / 'with Anu Garg')
WITH_HOST_LINE = declare(
    "byline.with-host", "The line right under the headline naming the column's host with 'with' ('with Anu Garg').",
    rf"^\n*[ \t]*with[ \t]+({NAMES})[ \t]*$", re.M, use="match",
    fires_on=["with Anu Garg", "\nwith Ann Lee and Tom Roe"], never_on=["with the help of Ann Lee", "Dinner with Ann Lee", "text\nwith Ann Lee"])
# a 'By' line naming no person: an agency, a desk or the outlet ('By The Associated Press', 'By Reuters Staff')
BY_ANY_LINE = declare(
    "byline.by-anything", "Any short 'By …' line (the institutional-byline check reads what it credits).",
    r"^[ \t]*(?:By|BY)[ \t]*:?[ \t]+(\S[^\n]{1,80}?)[ \t]*$", re.M,
    fires_on=["By The Associated Press", "By Reuters Staff | March 3, 2020"], never_on=["Bylines and credits"])
# a line that credits the newsroom or the wires with no 'By' ('Staff Report', 'From wire reports', 'CBS/AP')
WIRES_LINE = declare(
    "byline.wire-or-staff-report", "A line that credits the newsroom's or the wires' reports with no 'By' ('Staff Report', 'CBS/AP').",
    rf"^[ \t]*(?:(?i:(?:from[ \t]+)?(?:staff|wire|news[ \t]+service)(?:[ \t]+and[ \t]+(?:wire|news[ \t]+service))?"
    rf"[ \t]+reports?)|[A-Z][A-Za-z]{{1,8}}[ \t]*/[ \t]*{AGENCY}|{AGENCY}[ \t]*/[ \t]*[A-Z][A-Za-z]{{1,8}})[ \t]*$", re.M,
    fires_on=["Staff Report", "From staff and wire reports", "CBS/AP"], never_on=["Staff reports of abuse rise"])
BY_START = declare(
    "byline.starts-with-by", "A line that starts with 'by' (the reading-list check looks two lines up and down).",
    r"[ \t]*(?:[Bb]y|BY)[ \t]", use="match", fires_on=["by Pepper Winters"], never_on=["Byron Smith"])
# the next line is a story's first words cut short with a link to the rest ('Kaieteur News – May our workers be
# inspired never to... more'): the 'By' line above it is a teaser's, for another story
TEASER_BLURB = declare(
    "byline.teaser-blurb", "The line after a 'By' line is another story's first words cut short with a link to the rest ('… more').",
    r"\n[^\n]{10,300}?(?:\.\.\.|…)[ \t]*(?:(?i:read|continue(?: reading)?)[ \t]+)?(?i:more)\b[^\n]{0,3}$", re.M, use="match",
    fires_on=["\nDaily News – May our workers be inspired never to... more"], never_on=["\nThe council met on Monday."])
# the lines of a book's (or film's) fact box in a review: its 'Author:' is the book's
FACT_LINE = declare(
    "byline.fact-box-line", "A line of a book's or film's fact box in a review ('Titel:', 'Verlag:', 'ISBN:'): its 'Author:' is the book's.",
    r"^(?:(?:Original)?[ \t]*(?:Titel|Title|Untertitel|Subtitle)|Verlag|Publisher|Seiten|Pages|ISBN(?:-1[03])?|"
    r"Erschienen|Erscheinungs(?:datum|termin)|Übersetzung|Übersetzt von|Translator|Genre|Regie|Director)\b[ \t]*:",
    re.M | re.I, fires_on=["Verlag: fortheARTofit", "ISBN-13: 978"], never_on=["Autorin: Alys Arden"])
LIST_BREAK = declare(
    "byline.list-break", "A list's comma or 'and' ending a block, the next name in the next block ('Tariq Malik,' / 'Mike Wall').",
    rf"(,|[ \t]and)[ \t]*\n(?=[ \t]*[{CAPITAL}])", fires_on=["Tariq Malik,\nMike Wall"], never_on=["Tariq Malik\nMike Wall"])
# a credit for other work than the writing, before a name on its line ('Editing by Ann Lee', 'Photo: Ann Lee/Reuters',
# 'Additional reporting by Ann Lee'), and the byline labels that would end it ('Photos by Tom Roe, words by Ann Lee')
CREDIT_LABEL = declare(
    "byline.other-credit-label", "A credit for other work than the writing before a name ('Editing by', 'Photo:', 'Media contact:').",
    r"\b(?i:(?:additional|further)\s+reporting\s+by|(?:copy\s*)?edit(?:ed|ing)\s+by|"
    r"photo(?:graph)?s?(?:graphy)?\s*(?:by\b|:|/)|images?\s*(?:by\b|:)|credits?\s*:|"
    r"(?:illustrations?|video|graphics?|design(?:ed)?|produced|translated|compiled|research(?:ed)?)\s+by|"
    # (a press release's contact, a desk's editor: 'Media contact: Ann Lee', 'Editor: Ann Lee')
    r"(?:(?:media|press)\s+)?contacts?\s*:|(?:editor|producer|photographer|illustrator)s?\s*:)",
    fires_on=["(Reporting by Tom Roe; Editing by Ann Lee)", "Photo: Ann Lee/Reuters"], never_on=["The photo exhibition curated by Ann Lee"])
WRITER_LABEL = declare(
    "byline.writer-label", "A byline's own label ('By', 'Written by', 'Posted by'), which ends an earlier credit on the line.",
    r"\b(?:By|BY|(?i:written|words|story|text|reported|posted|published)\s+by)\b",
    fires_on=["Photos by Tom Roe, words by Ann Lee"], never_on=["Photos: Tom Roe"])
# after a name: the credit of a photograph ('Ann Lee/Reuters') or of help ('Ann Lee contributed reporting')
CREDIT_AFTER = declare(
    "byline.credit-after-name", "After a name, on its line, the credit of a photograph ('/Reuters') or of help ('contributed reporting').",
    # (on the name's own line, and not before a date: a byline's separator before the date, 'Julia Steinhoff / Oktober 25
    # 2023', is no agency's credit)
    rf"[ \t]*/[ \t]*(?!(?:{MONTH}|{WEEKDAY}|(?i:januar|februar|märz|mai|juni|juli|oktober|dezember))\b)[A-Z]"
    r"|\s+(?i:contributed|also\s+contributed)\b", use="match",
    fires_on=["/Reuters", " / Reuters", " contributed to this report."],
    never_on=[" said on Monday.", " /\nReuters", " / Oktober 25 2023", " / March 3, 2020"])
# the holder in a copyright line ('© 2019 Condé Nast', 'Copyright (c) 2012- Gregory Szorc')
COPYRIGHT = declare(
    "byline.copyright-holder", "The holder in a copyright line ('© 2019 Condé Nast', 'Copyright (c) 2012- Gregory Szorc').",
    r"(?:©|\(c\)|Copyright)\s*(?:(?:©|\(c\))\s*)?(?:\d{4}(?:\s*[-–]\s*(?:\d{4})?)?\s*,?\s*)?([A-Z][^\n.,|;]{1,60})",
    fires_on=["© 2019 Condé Nast. All rights reserved.", "Copyright (c) 2012- Gregory Szorc"], never_on=["All rights reserved."])
OFFICIAL_SITE = declare(
    "byline.official-site-of", "A site that calls itself a person's official website ('The Official Website of Pamela Anderson').",
    rf"(?i:official\s+(?:web\s*)?site\s+of)\s+({NAME})", fires_on=["The Official Website of Pamela Anderson"],
    never_on=["News from Pamela Anderson"])
# what is left of an HTML entity split at its '&' and ';' ('Oacute', 'amp')
ENTITY_PIECE = declare(
    "byline.html-entity-piece", "What is left of an HTML entity trafilatura split at its '&' and ';' ('Redacci; Oacute').",
    r"\b(?:[a-z](?:acute|grave|uml|tilde|circ|cedil|ring|slash)|amp|nbsp|quot|apos)\b", re.I,
    fires_on=["Oacute", "amp"], never_on=["Redacci"])
