"""Finding the commune a spreadsheet cell names: by its INSEE code, its name, or both; the actors'
import and the agenda's events import (agenda/bulk.py) both ask it.

Names are compared folded (case, accents, « œ »/« æ » ignored). Eight names belong to two communes
each (Allonnes, Changé...): with a name only, the department chooses between them.
"""

from collections import defaultdict

from django.utils.translation import gettext as _

from ..models import Commune
from .matching import name_slug


class CommuneError(Exception):
    """The cells name no commune, or several: (which cell, "name" or "code"; the message)."""

    def __init__(self, cell: str, message: str):
        super().__init__(cell, message)
        self.cell, self.message = cell, message


class CommuneFinder:
    """The region's communes, loaded once for a whole file."""

    def __init__(self):
        self.by_code = {commune.insee_code: commune for commune in Commune.objects.all()}
        # Every commune under its name slug: a list, since some names belong to two communes.
        self.by_name = defaultdict(list)
        for commune in sorted(self.by_code.values(), key=lambda commune: commune.insee_code):
            self.by_name[name_slug(commune.name)].append(commune)

    def find(self, name: str, code: str, department=None) -> Commune:
        """The commune of that name and/or code (the department, if given, chooses between
        homonyms), or CommuneError."""
        if not name and not code:
            raise CommuneError(
                "name", _("the commune is required (its name or, in « code_insee », its INSEE code).")
            )
        by_name = self.by_name.get(name_slug(name), []) if name else []
        if code:
            by_code = self.by_code.get(code)
            if by_code is None:
                raise CommuneError(
                    "code", _("no commune of the region has the INSEE code « %(code)s ».") % {"code": code}
                )
            # The code decides; the name beside it must not name another commune (a name that is
            # no commune's, e.g. a spelling variant, is left to the code).
            if by_name and by_code not in by_name:
                raise CommuneError(
                    "code",
                    _("the INSEE code %(code)s is that of %(other)s, not of %(name)s.")
                    % {"code": code, "other": by_code.name, "name": name},
                )
            return by_code
        if not by_name:
            raise CommuneError(
                "name",
                _("« %(name)s » is not a known commune: check its spelling or give its INSEE code.")
                % {"name": name},
            )
        if len(by_name) > 1 and department is not None:
            in_department = [commune for commune in by_name if commune.department_code == department.code]
            by_name = in_department or by_name
        if len(by_name) > 1:
            codes = [commune.insee_code for commune in by_name]
            if len(codes) == 2:
                message = _(
                    "two communes are named %(name)s (codes %(first)s and %(second)s): give its INSEE "
                    "code in the code_insee column."
                ) % {"name": by_name[0].name, "first": codes[0], "second": codes[1]}
            else:
                message = _(
                    "%(count)s communes are named %(name)s (codes %(codes)s): give its INSEE code in "
                    "the code_insee column."
                ) % {"count": len(codes), "name": by_name[0].name, "codes": ", ".join(codes)}
            raise CommuneError("name", message)
        return by_name[0]
