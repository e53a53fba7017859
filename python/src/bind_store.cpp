// Bindings of coopmap/store.hpp: the SQLite cooperation inventory.
#include <pybind11/stl.h>

#include <cmath>
#include <mutex>

#include "bindings.hpp"
#include "typed.hpp"
#include "coopmap/store.hpp"

namespace coopmap::py_bind {
namespace {

/// An Inventory shared with Python: calls are serialised (the GIL is released during them).
struct PyInventory {
    PyInventory(const std::string& path, const InventoryOptions& o) : inv(path, o) {}
    Inventory inv;
    std::mutex mutex;
};


std::vector<std::string> str_list_arg(const py::object& o, const char* what) {
    std::vector<std::string> out;
    if (o.is_none()) return out;
    if (py::isinstance<py::str>(o)) return {o.cast<std::string>()};
    for (auto x : o) {
        if (!py::isinstance<py::str>(x)) throw input_error(std::string(what) + " must be a list of str");
        out.push_back(x.cast<std::string>());
    }
    return out;
}

Records link_keys(const std::vector<LinkKey>& keys) {
    Records out;
    for (const auto& k : keys) {
        Record d;
        d["source"] = k.source;
        d["target"] = k.target;
        d["type"] = k.type;
        out.append(d);
    }
    return out;
}

AffiliationOptions affiliation_options(const OptIds& groups, const OptIds& roles, const OptStr& active_on) {
    AffiliationOptions o;
    o.groups = str_list_arg(groups, "groups");
    o.roles = str_list_arg(roles, "roles");
    if (!active_on.is_none()) o.active_on = active_on.cast<std::string>();
    return o;
}

Records counts_list(const ImportReport& r) {
    Records out;
    for (const auto& c : r.counts) {
        Record d;
        d["table"] = c.table;
        d["added"] = c.added;
        d["updated"] = c.updated;
        d["unchanged"] = c.unchanged;
        out.append(d);
    }
    return out;
}

}  // namespace

void bind_store(py::module_& m) {
    py::class_<ImportReport>(m, "ImportReport", R"doc(
What an :meth:`Inventory.import_csv` call did.

``added``, ``updated``, ``unchanged``: totals over the rows of the imported files
(structures, link types, affiliations, responses, declarations; a structure that gains
an alias is updated); ``counts``: per table, including the records the files imply
(aliases, groups, waves), as records ``{"table", "added", "updated", "unchanged"}``;
``unresolved_partners``: the declared partner names that matched no structure id or
alias, as records ``{"file", "line", "declarer", "partner", "type"}`` (they are stored
as text, never dropped nor invented); ``resolved_partners``: how many stored
declarations with an unresolved partner this import's new ids or aliases resolved.
``str(report)`` is the text the command line prints.
)doc")
        .def_readonly("wave", &ImportReport::wave)
        .def_readonly("added", &ImportReport::added)
        .def_readonly("updated", &ImportReport::updated)
        .def_readonly("unchanged", &ImportReport::unchanged)
        .def_readonly("resolved_partners", &ImportReport::resolved_partners)
        .def_property_readonly("counts", &counts_list)
        .def_property_readonly("unresolved_partners",
                               [](const ImportReport& r) {
                                   Records out;
                                   for (const auto& u : r.unresolved_partners) {
                                       Record d;
                                       d["file"] = u.file;
                                       d["line"] = u.line;
                                       d["declarer"] = u.declarer;
                                       d["partner"] = u.partner;
                                       d["type"] = u.type;
                                       out.append(d);
                                   }
                                   return out;
                               })
        .def("records", &counts_list, "The per-table counts as records (``pandas.DataFrame(report.records())``).")
        .def(
            "_relocate",
            [](ImportReport& r, const std::vector<std::pair<std::string, std::size_t>>& origins) {
                for (auto& u : r.unresolved_partners)
                    if (u.line >= 2 && u.line - 2 < origins.size()) {
                        u.file = origins[u.line - 2].first;
                        u.line = origins[u.line - 2].second;
                    }
            },
            py::arg("origins"),
            "Names the file and line each unresolved partner came from: origins[k] = (file, line) of the "
            "declaration on line k + 2 of the imported file (the files collect merged into one).")
        .def("__repr__", [](const ImportReport& r) {
            return "<coopmap.ImportReport " + std::to_string(r.added) + " added, " + std::to_string(r.updated) +
                   " updated, " + std::to_string(r.unchanged) + " unchanged, " +
                   std::to_string(r.unresolved_partners.size()) + " unresolved partners>";
        });

    py::class_<ResponseCounts>(m, "ResponseCounts", R"doc(
Response counts of a wave: ``surveyed`` (structures with a response row), ``complete``,
``partial``, ``refused``, ``unreached`` and ``rate`` = (complete + partial) / surveyed
(NaN when nobody was surveyed). ``float(r)`` is the rate. :meth:`Inventory.response_rate`
returns the same as a float (:class:`coopmap.ResponseRate`).
)doc")
        .def_readonly("wave", &ResponseCounts::wave)
        .def_readonly("surveyed", &ResponseCounts::surveyed)
        .def_readonly("complete", &ResponseCounts::complete)
        .def_readonly("partial", &ResponseCounts::partial)
        .def_readonly("refused", &ResponseCounts::refused)
        .def_readonly("unreached", &ResponseCounts::unreached)
        .def_readonly("rate", &ResponseCounts::rate)
        .def("__float__", [](const ResponseCounts& r) { return r.rate; })
        .def("__repr__", [](const ResponseCounts& r) {
            return "<coopmap.ResponseCounts wave " + r.wave + ": " + std::to_string(r.complete + r.partial) + "/" +
                   std::to_string(r.surveyed) + " = " + format_double(r.rate) + ">";
        });

    py::class_<WaveComparison>(m, "WaveComparison", R"doc(
Two waves compared in one view (see :meth:`Inventory.compare`).

``new``, ``lost``, ``kept``: links (records ``{"source", "target", "type"}``) present in
the second wave only (N01), the first only (N10), both (N11); a link is a (pair, type)
for undirected types, an arc (source -> target, type) for directed ones.
A link declared in both waves is never new or lost: when its status changed (e.g.
``unconfirmed`` -> ``confirmed`` because the partner answered the later survey) it is in
``status_changed`` (records ``{"source", "target", "type", "before", "after"}``, the two
statuses), and in ``kept`` too when the view keeps both statuses.
``jaccard`` = N11 / |union of the two views' link sets| (a link that entered or left the
view by a status change counts in the union only), NaN when neither view has a link.
``non_respondents_before``/``non_respondents_after``: structures whose response row says
refused or unreached in that wave, reported as non-respondents rather than isolated.
``joined``/``left``: structures taking part (response row or resolved declaration) in the
second wave only / the first only. ``degree_before``, ``degree_after``,
``degree_change``: per structure id (every structure taking part in either wave), the
number of distinct partners in the view (directions and types ignored) and its change.
``records()``: the per-structure table.
)doc")
        .def_readonly("before", &WaveComparison::before)
        .def_readonly("after", &WaveComparison::after)
        .def_property_readonly("view", [](const WaveComparison& c) { return std::string(view_name(c.view)); })
        .def_property_readonly("new", [](const WaveComparison& c) { return link_keys(c.new_links); })
        .def_property_readonly("lost", [](const WaveComparison& c) { return link_keys(c.lost_links); })
        .def_property_readonly("kept", [](const WaveComparison& c) { return link_keys(c.kept_links); })
        .def_property_readonly("status_changed",
                               [](const WaveComparison& c) {
                                   Records out;
                                   for (const auto& x : c.status_changed) {
                                       Record d;
                                       d["source"] = x.link.source;
                                       d["target"] = x.link.target;
                                       d["type"] = x.link.type;
                                       d["before"] = x.before;
                                       d["after"] = x.after;
                                       out.append(d);
                                   }
                                   return out;
                               })
        .def_readonly("jaccard", &WaveComparison::jaccard)
        .def_readonly("non_respondents_before", &WaveComparison::non_respondents_before)
        .def_readonly("non_respondents_after", &WaveComparison::non_respondents_after)
        .def_readonly("joined", &WaveComparison::joined)
        .def_readonly("left", &WaveComparison::left)
        .def_property_readonly("degree_before",
                               [](const WaveComparison& c) {
                                   IdMap<py::int_> d;
                                   for (const auto& x : c.degrees) d[py::str(x.id)] = x.before;
                                   return d;
                               })
        .def_property_readonly("degree_after",
                               [](const WaveComparison& c) {
                                   IdMap<py::int_> d;
                                   for (const auto& x : c.degrees) d[py::str(x.id)] = x.after;
                                   return d;
                               })
        .def_property_readonly("degree_change",
                               [](const WaveComparison& c) {
                                   IdMap<py::int_> d;
                                   for (const auto& x : c.degrees) d[py::str(x.id)] = x.change();
                                   return d;
                               })
        .def(
            "records",
            [](const WaveComparison& c) {
                Records out;
                for (const auto& x : c.degrees) {
                    Record d;
                    d["id"] = x.id;
                    d["degree_before"] = x.before;
                    d["degree_after"] = x.after;
                    d["change"] = x.change();
                    d["in_before"] = x.in_before;
                    d["in_after"] = x.in_after;
                    out.append(d);
                }
                return out;
            },
            "Per-structure records: id, degree_before, degree_after, change, in_before, in_after.")
        .def("__repr__", [](const WaveComparison& c) {
            return "<coopmap.WaveComparison " + c.before + " -> " + c.after + " (" + std::string(view_name(c.view)) +
                   "): " + std::to_string(c.new_links.size()) + " new, " + std::to_string(c.lost_links.size()) +
                   " lost, " + std::to_string(c.kept_links.size()) + " kept, " +
                   std::to_string(c.status_changed.size()) + " status changed, jaccard " + format_double(c.jaccard) +
                   ">";
        });

    py::class_<PyInventory>(m, "Inventory", R"doc(
The cooperation inventory in one SQLite file: structures, aliases, identifiers (SIREN,
RNA), groups and affiliations, link types, survey waves, responses and the raw
declarations ("A says it has a link of type T with partner B"), from which the links of
each wave are derived.

``Inventory(path)`` creates the file or opens it (``readonly=True``: never writes).
Raises :class:`coopmap.StorageError` for a file that is not a coopmap database (not
SQLite, or SQLite with other tables), a newer schema version, or an I/O failure.

Derivation (recomputed from the raw declarations on every query, never stored): a
declaration by A about B of an undirected type gives the link {A, B}; of a directed type
with ``direction`` ``out`` (default) A -> B, ``in`` B -> A, ``both`` both arcs. A link is
``confirmed`` when both ends declared it (for directed types: the same arc),
``unconfirmed`` when the silent end answered the wave (complete or partial response),
``partner_did_not_respond`` otherwise. Views: ``"union"`` (all), ``"confirmed"``,
``"reconstructed"`` (confirmed + partner_did_not_respond).

Storage: WAL journal, foreign keys on, ``PRAGMA user_version`` schema version with
forward migrations, ``synchronous=NORMAL`` (a crashed or killed process never leaves a
partial import; a power cut may lose the last committed import). Other processes can
read while one imports. Every statement is parameterised.

Example::

    inv = coopmap.Inventory("ptce.db")
    inv.import_csv(structures="structures.csv", link_types="link_types.csv")
    report = inv.import_csv(declarations="wave2013.csv", wave="2013", responses="responses2013.csv")
    net = inv.network("2013", view="confirmed")
)doc")
        .def(py::init([](const PathArg& path, bool readonly) {
                 InventoryOptions o;
                 o.readonly = readonly;
                 return std::make_unique<PyInventory>(path_arg(path, "path"), o);
             }),
             py::arg("path"), py::kw_only(), py::arg("readonly") = false)
        .def_property_readonly("path", [](const PyInventory& p) { return p.inv.path(); })
        .def_property_readonly_static(
            "schema_version", [](const py::object&) { return Inventory::schema_version; },
            "The schema version this coopmap writes.")
        .def(
            "close",
            [](PyInventory& p) {
                std::lock_guard<std::mutex> lock(p.mutex);
                p.inv.close();
            },
            "Closes the database connection (idempotent); later calls raise StorageError.")
        .def("__enter__", [](py::object self) { return self; })
        .def(
            "__exit__",
            [](PyInventory& p, const py::object&, const py::object&, const py::object&) {
                std::lock_guard<std::mutex> lock(p.mutex);
                p.inv.close();
            },
            py::arg("exc_type"), py::arg("exc_value"), py::arg("traceback"))
        .def(
            "import_csv",
            [](PyInventory& p, const OptPath& structures, const OptPath& link_types, const OptPath& affiliations,
               const OptPath& declarations, const OptStr& wave, const OptPath& responses) {
                ImportFiles f;
                f.structures = path_arg(structures, "structures");
                f.link_types = path_arg(link_types, "link_types");
                f.affiliations = path_arg(affiliations, "affiliations");
                f.declarations = path_arg(declarations, "declarations");
                f.responses = path_arg(responses, "responses");
                if (!wave.is_none()) {
                    if (!py::isinstance<py::str>(wave)) throw input_error("wave must be a str");
                    f.wave = wave.cast<std::string>();
                    if (f.wave.empty()) throw input_error("wave must not be empty");
                }
                py::gil_scoped_release release;
                std::lock_guard<std::mutex> lock(p.mutex);
                return p.inv.import_csv(f);
            },
            py::kw_only(), py::arg("structures") = py::none(), py::arg("link_types") = py::none(),
            py::arg("affiliations") = py::none(), py::arg("declarations") = py::none(), py::arg("wave") = py::none(),
            py::arg("responses") = py::none(), R"doc(
Imports CSV files in one transaction and returns an :class:`ImportReport`.

Files (any may be omitted; ``wave`` is required with ``declarations`` or ``responses``),
imported in this order:

* ``structures``: ``id`` (required), ``name``, ``aliases`` (separated by ``|``), ``siren``,
  ``rna``, ``legal_family``, any other column a typed attribute (``read_csv`` rules);
* ``link_types``: ``code`` (required), ``directed`` (true/false; an absent column or
  empty cell means undirected), ``label``, ``family``; other columns are kept as text
  attributes of the type;
* ``affiliations``: ``structure`` (id or alias), ``group``, ``role``, ``start``, ``end``;
* ``responses``: ``structure``, ``status`` (complete, partial, refused, unreached);
* ``declarations``: ``declarer`` (id or alias), ``partner`` (id, alias or free text),
  ``type`` (a declared link type code), optional ``intensity`` (number > 0),
  ``direction`` (``out``, ``in``, ``both``, relative to the declarer; directed types only,
  default ``out``), ``frequency``, ``start``, ``end`` (ISO dates), ``source``, ``comment``.

Upserts: a record with the key of a stored one is updated when a field differs, else
counted unchanged, so importing the same files twice changes nothing. Keys: structure
id, alias, link type code, affiliation (structure, group, role, start), response
(wave, structure), declaration (wave, declarer, partner, type, direction).

Any bad row (unknown link type, unknown declarer, bad intensity, bad date, duplicate
declaration, unknown column...) raises :class:`coopmap.CsvError` naming the file, line
and column, and the database is exactly as before. A partner name that is no id or
alias is stored as text and listed in ``report.unresolved_partners``.

Complexity: one streaming pass per file, O(rows) prepared statements in one
transaction (about a million declarations per second).
)doc")
        .def(
            "network",
            [](PyInventory& p, const std::string& wave, const std::string& view) {
                const auto v = parse_view(view);
                py::gil_scoped_release release;
                std::lock_guard<std::mutex> lock(p.mutex);
                return p.inv.network(wave, v);
            },
            py::arg("wave"), py::arg("view") = "union", R"doc(
The :class:`Network` of a wave in a view (``"union"``, ``"confirmed"``, ``"reconstructed"``).

Structures: those taking part in the wave (a response row, or a declaration as declarer
or resolved partner), in inventory order, with name, aliases, attributes, ``siren``,
``rna``, ``legal_family`` when set and ``response`` (the wave's response status; absent
when the structure has no response row: draw it hollow).
Links: one per derived link, with ``type``, ``weight`` (mean declared intensity, 1 when
none), ``start`` (earliest), ``end`` (latest; None when a declaration has none),
``status`` (``"confirmed"``, ``"unconfirmed"``, ``"partner_did_not_respond"``: maps draw
the second dashed and the third dotted) and the attribute ``declared_by`` (ids joined by
``|``).

Link types: the whole vocabulary is declared in the network with its direction and
labels (:meth:`Network.link_type`), so a two-way cooperation (an undirected type) is one
link and a directed one an arc: the network is mixed when it holds both, and gives the
same numbers as the folder of the same links read with its link types file.
Raises KeyError for an unknown wave. Complexity: O(n + d log d) for d declarations.
)doc")
        .def(
            "links",
            [](PyInventory& p, const std::string& wave, const std::string& view) {
                const auto v = parse_view(view);
                std::vector<DerivedLink> links;
                {
                    py::gil_scoped_release release;
                    std::lock_guard<std::mutex> lock(p.mutex);
                    links = p.inv.links(wave, v);
                }
                Records out;
                for (const auto& l : links) {
                    Record d;
                    d["source"] = l.source;
                    d["target"] = l.target;
                    d["type"] = l.type;
                    d["directed"] = l.directed;
                    d["weight"] = l.weight;
                    d["start"] = l.start.empty() ? py::object(py::none()) : py::object(py::str(l.start));
                    d["end"] = l.end.empty() ? py::object(py::none()) : py::object(py::str(l.end));
                    d["status"] = l.status;
                    d["declared_by"] = py::cast(l.declared_by);
                    d["declarations"] = l.declarations;
                    out.append(d);
                }
                return out;
            },
            py::arg("wave"), py::arg("view") = "union",
            "The derived links of a wave in a view as records (source, target, type, directed, weight, start, end, "
            "status, declared_by (list of ids), declarations (number merged)). Undirected links list the end "
            "imported first as source.")
        .def(
            "compare",
            [](PyInventory& p, const std::string& before, const std::string& after, const std::string& view) {
                const auto v = parse_view(view);
                py::gil_scoped_release release;
                std::lock_guard<std::mutex> lock(p.mutex);
                return p.inv.compare(before, after, v);
            },
            py::arg("before"), py::arg("after"), py::arg("view") = "union", R"doc(
Compares two waves in one view and returns a :class:`WaveComparison`: new, lost and
kept links, links whose status changed (never counted as new or lost), Jaccard
stability of the two views' link sets (NaN when both are empty), structures that joined
or left, the non-respondents of each wave, per-structure degree change. Raises KeyError for an
unknown wave. Complexity: O(d log d) for d declarations in the two waves.

Example: ``diff = inv.compare("2013", "2014", view="union"); diff.jaccard``.
)doc")
        .def(
            "response_counts",
            [](PyInventory& p, const std::string& wave) {
                std::lock_guard<std::mutex> lock(p.mutex);
                return p.inv.response_rate(wave);
            },
            py::arg("wave"),
            "The :class:`ResponseCounts` of a wave. KeyError for an unknown wave. "
            "(:meth:`response_rate` gives the rate as a float with the same counts.)")
        .def(
            "roster",
            [](PyInventory& p) {
                py::gil_scoped_release release;
                std::lock_guard<std::mutex> lock(p.mutex);
                return p.inv.roster();
            },
            R"doc(
Every structure of the inventory as a :class:`Network` without links, whatever the
waves: the roster a questionnaire lists (:func:`coopmap.survey`) and answers are checked
against (:meth:`collect`). Structures in inventory order with name, aliases, attributes,
``siren``, ``rna`` and ``legal_family`` when set; the whole link-type vocabulary is
declared (:meth:`Network.link_type`). O(structures + aliases + attributes).

Example: ``[s["id"] for s in inv.roster().structures()]``.
)doc")
        .def(
            "waves",
            [](PyInventory& p) {
                std::lock_guard<std::mutex> lock(p.mutex);
                return p.inv.waves();
            },
            "Wave codes in creation order.")
        .def(
            "link_types",
            [](PyInventory& p) {
                std::lock_guard<std::mutex> lock(p.mutex);
                Records out;
                for (const auto& t : p.inv.link_types()) {
                    Record d;
                    d["code"] = t.code;
                    d["label"] = t.label;
                    d["family"] = t.family;
                    d["directed"] = t.directed;
                    out.append(d);
                }
                return out;
            },
            "The link-type vocabulary as records (code, label, family, directed).")
        .def(
            "counts",
            [](PyInventory& p) {
                std::lock_guard<std::mutex> lock(p.mutex);
                py::typing::Dict<py::str, py::int_> d;
                for (const auto& [k, v] : p.inv.counts()) d[py::str(k)] = v;
                return d;
            },
            "Rows per table: structures, aliases, groups, affiliations, link_types, waves, responses, declarations.")
        .def(
            "affiliation_network",
            [](PyInventory& p, const OptIds& groups, const OptIds& roles, const OptStr& active_on) {
                auto o = affiliation_options(groups, roles, active_on);
                py::gil_scoped_release release;
                std::lock_guard<std::mutex> lock(p.mutex);
                return p.inv.affiliation_network(o);
            },
            py::kw_only(), py::arg("groups") = py::none(), py::arg("roles") = py::none(),
            py::arg("active_on") = py::none(),
            R"doc(
The bipartite structure x group :class:`Network` (undirected): structures with at least
one kept affiliation (attributes ``kind="structure"``, ``bipartite=0``, as networkx's
bipartite convention), then the groups (``kind="group"``, ``bipartite=1``; id = group
code, or ``"group:" + code`` when a structure uses that id or alias), one link per
affiliation (type ``"affiliation"``, attribute ``role``, the affiliation's dates).

``groups``/``roles``: keep only these group codes / roles; ``active_on``: an ISO date,
keep affiliations with start <= date <= end (missing bounds open).
)doc")
        .def(
            "affiliation_projection",
            [](PyInventory& p, bool weighted, const OptIds& groups, const OptIds& roles, const OptStr& active_on) {
                auto o = affiliation_options(groups, roles, active_on);
                py::gil_scoped_release release;
                std::lock_guard<std::mutex> lock(p.mutex);
                return p.inv.affiliation_projection(o, weighted);
            },
            py::kw_only(), py::arg("weighted") = false, py::arg("groups") = py::none(), py::arg("roles") = py::none(),
            py::arg("active_on") = py::none(), R"doc(
The one-mode projection of :meth:`affiliation_network` on the structures: a link (type
``"shared_group"``) between two structures sharing at least one group, weight 1
(``weighted=False``, as ``networkx.bipartite.projected_graph``) or the number of shared
groups (``weighted=True``, as ``networkx.bipartite.weighted_projected_graph``),
attribute ``groups`` (the shared group codes joined by ``|``). Structures without a
shared group stay as isolates. Complexity: O(sum over groups of size^2).
)doc")
        .def("__repr__", [](PyInventory& p) { return "<coopmap.Inventory " + p.inv.path() + ">"; });
}


}  // namespace coopmap::py_bind
