"""Names: from the model's PERSON entities to the people an article names.

- ``clean.py``: the trims and refusals that turn an entity into a name (named predicates, in order);
- ``given.py``: given names, genders, comparing two forms of a name;
- ``evidence.py``: whether the article's own words treat a name as a person's;
- ``registry.py``: one Person per person, their mentions, which tokens name whom;
- ``recovery.py``: the registry's declared steps, and names recovered later (by role, full names).
"""

from .clean import clean_name
from .given import first_names, name_parts, opens_with_given_name, other_gender, title_gender
from .recovery import build_registry, by_role
from .registry import Registry

__all__ = ["Registry", "build_registry", "by_role", "clean_name", "first_names", "name_parts", "opens_with_given_name", "other_gender", "title_gender"]
