"""The people stage's vocabulary, read once from the lexicon (``lexicon/en/people-*.toml`` and the
names shared with the other stages in ``lexicon/en/names.toml``). Each constant is one named list; the
few unions below say how lists combine, so no word is written in two places."""

from __future__ import annotations

from .. import lexicon

_w = lexicon.words

# names (shared with the extract stage and the knowledge base)
CREDENTIALS = _w("credentials")
HONORIFICS = _w("honorifics")
NAME_PARTICLES = _w("name_particles")
ORG_TAILS = _w("organisation_tails")
NAME_SUFFIXES = _w("name_suffixes")
# around names
PLACE_TAILS = _w("place_tails")
CREDIT_LABELS = _w("credit_labels")
CRAFT_WORDS = _w("craft_words")
PLATFORM_NAMES = _w("platform_names")
OFFICE_TITLES = _w("office_titles")
NOBLE_TITLES = _w("noble_titles")
TITLE_ABBREVIATIONS = _w("title_abbreviations")
HYPHEN_SUFFIXES = _w("hyphen_suffixes")
TITLE_SMALL_WORDS = _w("title_small_words")
TITLE_GENDERS = {**{t: "m" for t in _w("male_honorifics")}, **{t: "f" for t in _w("female_honorifics")}}

# cues
SPEECH_VERBS = _w("speech_verbs")
OBJECT_SPEECH_VERBS = _w("object_speech_verbs")
JUDGING_AS_VERBS = _w("judging_as_verbs")
CONTENT_OBJECT_VERBS = _w("content_object_verbs")
PROMISE_VERBS = _w("promise_verbs")
BELIEF_VERBS = _w("belief_verbs")
CUE_VERBS = SPEECH_VERBS | BELIEF_VERBS | OBJECT_SPEECH_VERBS
QUOTE_CUES = CUE_VERBS | _w("quote_only_cues")
PASSIVE_SOURCE_VERBS = SPEECH_VERBS | _w("blame_verbs")
CLAIM_WITHOUT_CLAUSE = _w("claim_without_clause_verbs")
IMPERSONAL_ADVERBS = _w("impersonal_adverbs")
IMPERSONAL_VERBS = _w("impersonal_verbs")
PERCEPTION_VERBS = _w("perception_verbs")
WISH_VERBS = _w("wish_verbs")
FINDING_VERBS = _w("finding_verbs")
WORK_FINDING_VERBS = _w("work_finding_verbs")
AUTHORING_VERBS = _w("authoring_verbs")
ANSWER_VERBS = _w("answer_verbs")
GIVING_VERBS = _w("giving_verbs")
MAKING_VERBS = _w("making_verbs")
LEADING_VERBS = _w("leading_verbs")
ONGOING_WORK_VERBS = _w("ongoing_work_verbs")
SERVING_VERBS = _w("serving_verbs")
PUTTING_VERBS = _w("putting_verbs")
WARNING_VERBS = _w("warning_verbs")
TELLING_VERBS = _w("telling_verbs")
ASKING_VERBS = _w("asking_verbs")
ISSUING_VERBS = _w("issuing_verbs")
ISSUED_WORDS = _w("issued_words")
COMPLAINT_VERBS = _w("complaint_verbs")
COMPLAINT_NOUNS = _w("complaint_nouns")
LEAVING_VERBS = _w("leaving_verbs")
STANCE_COPULAS = _w("stance_copulas")
GROUP_STANCE_COPULAS = _w("stance_copulas_of_groups")
HEDGING_MODALS = _w("hedging_modals")
IRREGULAR_CUE_FORMS = _w("irregular_cue_forms")

# nouns and adjectives
PERSON_ROLE_NOUNS = _w("person_role_nouns")
UNNAMED_HEADS = _w("unnamed_heads")
UNNAMED_PRONOUNS = _w("unnamed_pronouns")
INDEFINITE = _w("indefinite_pronouns")
GROUP_MEMBER_DETERMINERS = _w("group_member_determiners")
PRONOUNS = _w("speaker_pronouns")
GENERIC_PEOPLE = _w("generic_people_words")
STANCE_WORDS = _w("stance_words")
CLAIMED_STANCES = _w("claimed_stances")
FINDER_HEADS = _w("finder_heads")
AUTHORITY_NOUNS = _w("authority_nouns")
ORGANISATION_NOUNS = _w("organisation_nouns")
PUBLICATION_WORDS = _w("publication_words")
STATEMENT_NOUNS = _w("statement_nouns")
WRITTEN_WORDS = _w("written_words")
OWN_ACCOUNT_NOUNS = _w("own_account_nouns") | WRITTEN_WORDS | STATEMENT_NOUNS
AUTHORED_WORKS = _w("authored_works")
EVENT_NOUNS = _w("event_nouns")
VIEW_NOUNS = _w("view_nouns")
HELD_VIEW_NOUNS = _w("held_view_nouns")
MANNER_WORDS = _w("manner_words")
TIME_NOUNS = _w("time_nouns")
AGE_UNITS = _w("age_units")
QUANTIFIERS = _w("quantifier_words")
REFLEXIVES = _w("reflexive_pronouns")
PERSONAL_POSSESSIVES = _w("personal_possessives")
REACHING_NOUNS = _w("reaching_nouns")
ROLE_ABBREVIATIONS = _w("role_abbreviations")

# marks
BULLETS = _w("list_bullets")
INVERSION_MARKS = _w("inversion_marks")

# Shorter quoted runs are scare quotes ("deep", "isolation"), not quotes.
MIN_QUOTE_WORDS = 4
# A PERSON entity longer than this is no one's name (a heading, a list).
MAX_NAME_TOKENS = 5
