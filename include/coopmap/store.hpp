#pragma once
/// \file store.hpp
/// The cooperation inventory in one SQLite file: structures, aliases, identifiers,
/// groups and affiliations, link types, waves, responses and the raw declarations
/// ("structure A says it has a link of type T with partner B"), from which the links
/// of each wave are derived with a status, in three views.
///
/// Model (see the README's design section):
///  * a declaration is kept as imported (declarer, partner or the unresolved partner
///    text, type, direction, intensity, frequency, dates, source, comment); derivation
///    never rewrites it, links are recomputed from the declarations on every query;
///  * a derived link of a wave is a (pair, type) for undirected types, an arc
///    (source -> target, type) for directed types. A declaration by A about B gives:
///    undirected type: the link {A, B}; directed type with direction `out` (the
///    default): A -> B, `in`: B -> A, `both`: both arcs;
///  * status of a derived link: `confirmed` when both ends declared it (for a directed
///    type, the same arc: A says out and B says in); else `unconfirmed` when the end
///    that did not declare it responded to the wave (response status complete or
///    partial); else `partner_did_not_respond` (refused, unreached, or no response row);
///  * views: union (every derived link), confirmed (status confirmed), reconstructed
///    (confirmed + partner_did_not_respond: a single declaration is accepted when the
///    partner could not contradict it).
///
/// Storage: SQLite (system library), WAL journal, foreign keys declared on every
/// reference and enforced by SQLite on the connection (`PRAGMA foreign_keys = ON`)
/// except inside `import_csv`'s transaction, where the importer checks each reference
/// itself (every stored id was read from the file or inserted in the same transaction;
/// nothing is deleted) and SQLite's per-row parent lookup, ~1 µs per declaration, is
/// off; `PRAGMA foreign_key_check` finds nothing afterwards (tested). Schema version in
/// `PRAGMA user_version`, file identified by `PRAGMA application_id` = 0x434F4F50
/// ("COOP"). Every statement is prepared and parameterised. An import is one
/// transaction (`BEGIN IMMEDIATE`): any error rolls it back and the database is exactly
/// as before. `synchronous=NORMAL` in WAL mode: a process crash (even SIGKILL) never
/// corrupts the file or leaves a partial import; a power loss may lose the last
/// committed imports, never consistency. Readers in other processes see the previous
/// content while an import runs.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "coopmap/error.hpp"
#include "coopmap/network.hpp"

namespace coopmap {

/// Which derived links a view keeps.
enum class View {
    union_,        ///< every derived link ("union")
    confirmed,     ///< declared by both ends ("confirmed")
    reconstructed  ///< confirmed, or declared by one end when the other did not respond ("reconstructed")
};

/// "union", "confirmed" or "reconstructed"; input_error otherwise.
View parse_view(std::string_view name);
std::string_view view_name(View v) noexcept;

/// The files of one import; an empty path skips that file. `wave` is required with
/// declarations or responses.
struct ImportFiles {
    std::string structures;
    std::string link_types;
    std::string affiliations;
    std::string declarations;
    std::string responses;
    std::string wave;
};

/// Rows added, updated and unchanged for one kind of record.
struct ImportCount {
    std::string table;  ///< "structures", "aliases", "link_types", "affiliations", "responses", "declarations"
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
};

/// A declared partner name that is no structure id or alias (kept as text).
struct UnresolvedPartner {
    std::string file;
    std::size_t line = 0;
    std::string declarer;  ///< structure id
    std::string partner;   ///< the text as written
    std::string type;
};

struct ImportReport {
    std::string wave;  ///< empty when the import had no wave
    /// One entry per table written, in import order: the file rows (structures,
    /// link_types, affiliations, responses, declarations) and the records they imply
    /// (aliases, groups, waves).
    std::vector<ImportCount> counts;
    /// Totals over the file rows only (structures, link types, affiliations, responses,
    /// declarations): aliases, groups and waves are in counts, not in the totals. A
    /// structure that gains an alias counts as updated.
    std::size_t added = 0;
    std::size_t updated = 0;
    std::size_t unchanged = 0;
    std::vector<UnresolvedPartner> unresolved_partners;
    /// Declarations stored earlier with an unresolved partner that this import's
    /// structures (new ids or aliases) resolved.
    std::size_t resolved_partners = 0;
};

/// A link of a wave derived from the declarations.
struct DerivedLink {
    std::string source;  ///< structure id (undirected types: the end inserted first in the inventory)
    std::string target;
    std::string type;
    bool directed = false;                 ///< the link type is directed
    double weight = 1.0;                   ///< mean declared intensity (1 for a declaration without intensity)
    std::string start;                     ///< earliest declared start ("" when none)
    std::string end;                       ///< latest declared end ("" when a declaration has none)
    std::string status;                    ///< "confirmed", "unconfirmed" or "partner_did_not_respond"
    std::vector<std::string> declared_by;  ///< ids of the ends that declared it
    std::size_t declarations = 0;          ///< number of declarations merged
};

/// Response counts of a wave. rate = (complete + partial) / surveyed, NaN when no
/// structure was surveyed (no response row).
struct ResponseCounts {
    std::string wave;
    std::size_t surveyed = 0;
    std::size_t complete = 0;
    std::size_t partial = 0;
    std::size_t refused = 0;
    std::size_t unreached = 0;
    double rate = 0;
};
/// The former name of ResponseCounts (Python's coopmap.ResponseRate is the rate as a float).
using ResponseRate [[deprecated("use ResponseCounts")]] = ResponseCounts;

/// A derived link's identity in a comparison.
struct LinkKey {
    std::string source;
    std::string target;
    std::string type;
    friend bool operator==(const LinkKey&, const LinkKey&) = default;
};

/// Per-structure degree (distinct partners in the view, directions ignored) in two waves.
struct DegreeChange {
    std::string id;
    std::size_t before = 0;
    std::size_t after = 0;
    bool in_before = false;  ///< the structure took part in the first wave
    bool in_after = false;
    long long change() const noexcept { return static_cast<long long>(after) - static_cast<long long>(before); }
};

/// A link declared in both waves whose status changed.
struct StatusChange {
    LinkKey link;
    std::string before;  ///< "confirmed", "unconfirmed" or "partner_did_not_respond"
    std::string after;
};

/// Two waves compared in one view.
///
/// A link's identity is (source, target, type), undirected links normalised. A link is
/// *declared* in a wave when it is derived from that wave's declarations (whatever its
/// status); it is *in the view* when it is declared and its status is kept by the view.
struct WaveComparison {
    std::string before;
    std::string after;
    View view = View::union_;
    std::vector<LinkKey> new_links;   ///< declared in `after` only, in its view (N01)
    std::vector<LinkKey> lost_links;  ///< declared in `before` only, in its view (N10)
    std::vector<LinkKey> kept_links;  ///< in the view in both waves (N11)
    /// Declared in both waves with another status, in the view in at least one wave:
    /// never new or lost. In kept_links too when in the view in both waves.
    std::vector<StatusChange> status_changed;
    /// Jaccard index of the two views' link sets: N11 / |union|, where the union also
    /// counts links that entered or left the view by a change of status only. NaN when
    /// neither view has a link.
    double jaccard = 0;
    std::vector<std::string> joined;  ///< structures taking part in `after` only
    std::vector<std::string> left;    ///< structures taking part in `before` only
    /// Structures whose response row says refused or unreached, per wave (inventory
    /// order): they are non-respondents, not isolated structures, in every view.
    std::vector<std::string> non_respondents_before, non_respondents_after;
    std::vector<DegreeChange> degrees;  ///< every structure taking part in either wave, inventory order
};

struct LinkTypeInfo {
    std::string code;
    std::string label;
    std::string family;
    bool directed = false;
};

/// Which affiliations make the structure x group network.
struct AffiliationOptions {
    std::vector<std::string> groups;  ///< group codes to keep; empty: all
    std::vector<std::string> roles;   ///< roles to keep; empty: all
    std::string active_on;            ///< ISO date: start <= date <= end (missing bounds open); empty: all
};

struct InventoryOptions {
    /// Open for reading only: the file is never written (import_csv throws
    /// storage_error). Like every reader of an SQLite file in WAL mode, the connection
    /// uses the file's -wal and -shm files, creating them when absent, so that it sees
    /// the imports another process commits meanwhile. Where they cannot be created (a
    /// read-only directory or file system, read-only media), the file is opened in
    /// SQLite's immutable mode instead: no -wal or -shm file and no lock, the file as it
    /// is (the content of a -wal file left there is not seen), assumed not to change
    /// while open.
    bool readonly = false;
    /// How long (milliseconds) to wait for another process's lock: on every write, on
    /// the reads while another process commits, and while creating a new file (its
    /// schema and the switch to WAL, retried until this timeout: several processes may
    /// create the same file at once).
    int busy_timeout_ms = 10000;
};

/// An inventory database. Not thread-safe: one Inventory per thread (SQLite
/// connections are cheap); several processes may open the same file.
class Inventory {
public:
    /// The schema version this code writes; older files are migrated forward on open.
    /// 1: first release. 2: the wave index of declarations replaced by declaration_spans
    /// (each import's rows are one range of ids: a span per import, merged when adjacent).
    static constexpr int schema_version = 2;
    /// PRAGMA application_id of a coopmap database ("COOP").
    static constexpr std::int32_t application_id = 0x434F4F50;

    /// Opens or creates the database. Throws storage_error when the file is not a
    /// coopmap database (not SQLite, or SQLite with other tables), has a newer schema
    /// version, or cannot be opened/created. Every connection runs in SQLite's defensive
    /// mode with an untrusted schema and triggers, views and extensions disabled. An
    /// existing file ("from elsewhere") is checked on open: whole pages and not shorter
    /// than its header says, exactly coopmap's schema of its version (no extra table,
    /// trigger, view or column), PRAGMA integrity_check and foreign_key_check; any
    /// failure is a storage_error ("damaged" or "not a coopmap database"). The checks
    /// only read, in one read transaction, and come before any write: a refused file is
    /// left byte for byte as it was; only a file that passed them is switched to WAL and
    /// migrated from an older schema version. Cost: one read of the file, O(N log N) for
    /// N rows.
    ///
    /// The checks on open cannot see every value another program may store (foreign keys
    /// off, CHECK constraints ignored, or a write while the file is open), so every query
    /// checks each value it reads before using it: ids are positive integers, references
    /// name a stored row, `directed` is 0 or 1, directions are out, in or both (or
    /// none), response statuses complete, partial, refused or unreached, attribute values
    /// of their kind, intensities numbers > 0, dates ISO (end not before start), texts
    /// valid UTF-8. Anything else is a storage_error naming the table, the row (its id,
    /// or its key for the tables without one) and the column, e.g. "(table declarations,
    /// row id 5, column direction: 'sideways' is not out, in or both)"; stored data the
    /// Network model refuses also gives storage_error, never input_error. Ids are mapped
    /// to array indices through a table sized by the rows (a binary search when they are
    /// sparse): the memory of a query is bounded by the rows it reads, whatever the id
    /// values (ids near 2^63 are valid).
    explicit Inventory(const std::string& path, const InventoryOptions& options = {});
    ~Inventory();
    Inventory(Inventory&&) noexcept;
    Inventory& operator=(Inventory&&) noexcept;
    Inventory(const Inventory&) = delete;
    Inventory& operator=(const Inventory&) = delete;

    const std::string& path() const noexcept;
    /// Closes the connection; later calls throw storage_error. Idempotent.
    void close();

    /// Imports the given files in one transaction, in this order: structures, link
    /// types, affiliations, responses, declarations. Upserts: a record already stored
    /// with the same key is updated when a field differs, else counted unchanged, so
    /// re-importing a file changes nothing. Keys: structure id; alias text; link type
    /// code; affiliation (structure, group, role, start); response (wave, structure);
    /// declaration (wave, declarer, partner or partner text, type, direction).
    /// Any bad row throws parse_error (file, line, column) and rolls everything back.
    /// Complexity: O(rows) statements, one transaction.
    ImportReport import_csv(const ImportFiles& files);

    /// Derived links of a wave in a view, in inventory order of (source, target), then type.
    /// Throws not_found for an unknown wave. O(d log d) for d declarations.
    std::vector<DerivedLink> links(const std::string& wave, View view = View::union_) const;

    /// The network of a wave in a view. Structures: those taking part in the wave (a
    /// response row or a declaration as declarer or resolved partner), in inventory
    /// order, with name, aliases, attributes, `siren`, `rna`, `legal_family` when set
    /// and `response` (the wave's response status, absent without a row). Links: the
    /// derived links with type, weight (mean intensity), start, end, status and the
    /// attribute `declared_by` (ids joined by '|'). Link types: the whole vocabulary is
    /// declared (Network::set_link_type) with its direction, label, family and other
    /// attributes, so a link of an undirected type is one link and one of a directed type
    /// an arc: the network is mixed when the view holds both (as the folder of the same
    /// links read with its link types file). Throws not_found for an unknown wave.
    /// O(n + d log d).
    Network network(const std::string& wave, View view = View::union_) const;

    /// Every structure of the inventory, in inventory order, with name, aliases,
    /// attributes, `siren`, `rna` and `legal_family` when set, and the whole link-type
    /// vocabulary declared, but no link: the roster a questionnaire lists, whatever the
    /// waves. O(structures + aliases + attributes).
    Network roster() const;

    /// New, lost, kept and status-changed links (identity: source, target, type;
    /// undirected links normalised; see WaveComparison), Jaccard stability of the two
    /// views' link sets, joined/left structures, non-respondents of each wave and
    /// per-structure degree change between two waves in one view. A link declared in both
    /// waves is never new or lost, whatever its status did. Throws not_found for an
    /// unknown wave. O(d log d) for d declarations in the two waves.
    WaveComparison compare(const std::string& before, const std::string& after, View view = View::union_) const;

    /// Response counts of a wave (not_found for an unknown wave).
    ResponseCounts response_rate(const std::string& wave) const;

    /// Wave codes in creation order.
    std::vector<std::string> waves() const;
    std::vector<LinkTypeInfo> link_types() const;
    /// Number of rows per table (structures, aliases, groups, affiliations, link_types,
    /// waves, responses, declarations).
    std::vector<std::pair<std::string, std::size_t>> counts() const;

    /// The bipartite structure x group network (undirected): structures with at least
    /// one kept affiliation (attribute `kind` = "structure", `bipartite` = 0) then
    /// groups (`kind` = "group", `bipartite` = 1; id = group code, or "group:" + code
    /// when a structure already has that id or alias), one link per kept affiliation,
    /// type "affiliation", attribute `role`, the affiliation's dates.
    Network affiliation_network(const AffiliationOptions& options = {}) const;

    /// One-mode projection on the structures of affiliation_network: a link between
    /// two structures sharing at least one group, type "shared_group", weight 1
    /// (weighted = false, networkx projected_graph) or the number of shared groups
    /// (weighted = true, networkx weighted_projected_graph), attribute `groups` (the
    /// shared group codes joined by '|'). O(sum over groups of size^2).
    Network affiliation_projection(const AffiliationOptions& options = {}, bool weighted = false) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace coopmap
