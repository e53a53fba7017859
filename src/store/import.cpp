// Inventory::import_csv: one write transaction running the importers of the given files in order.
#include "store/impl.hpp"

#include <algorithm>

#include "coopmap/detail/known_words.hpp"

namespace coopmap {

namespace store {

void add_count(ImportReport& r, const ImportCount& c, bool in_totals) {
    r.counts.push_back(c);
    if (!in_totals) return;
    r.added += c.added;
    r.updated += c.updated;
    r.unchanged += c.unchanged;
}

}  // namespace store

std::int64_t Inventory::Impl::resolve_structure(CsvReader& r, const std::vector<std::string>& f, std::size_t col,
                                                const ImportState& st, const char* what) const {
    if (f[col].empty()) r.fail(col, std::string("empty ") + what);
    auto it = st.names.find(f[col]);
    if (!it) {
        std::vector<std::string> ids;
        for (const auto& [name, ref] : st.names.entries())
            if (!ref.alias) ids.push_back(name);
        std::sort(ids.begin(), ids.end());
        r.fail(col, std::string("unknown ") + what + " '" + f[col] +
                        "' (not a structure id or alias in the inventory; import it in the structures file)" +
                        detail::known_words(f[col], ids));
    }
    return it->rowid;
}

std::int64_t Inventory::Impl::ensure_wave(const std::string& code, ImportState& st) const {
    if (auto w = wave_id(code)) return *w;
    auto ins = prepare("INSERT INTO waves(code) VALUES (?)");
    ins.bind(1, std::string_view(code));
    ins.exec();
    add_count(st.report, ImportCount{"waves", 1, 0, 0}, false);
    return sqlite3_last_insert_rowid(conn());
}

ImportReport Inventory::Impl::import_csv(const ImportFiles& files) {
    if (readonly) throw storage_error(path + ": the inventory is opened read-only");
    if ((!files.declarations.empty() || !files.responses.empty()) && files.wave.empty())
        throw input_error("import_csv: a wave is required with declarations or responses");
    // Foreign keys are checked by the importer itself, not by SQLite: every reference a
    // row stores (wave, declarer, partner, type, structure, group) comes from an id read
    // from the database or inserted within this transaction (st.names, st.types,
    // ensure_wave, the groups map), and nothing is deleted, so the stored data satisfies
    // every REFERENCES clause. SQLite's own check costs a B-tree probe of the parent table
    // per reference: about 1 µs per declaration, more than the insert itself
    // (benchmarks/results_store.md). The pragma is a no-op inside a transaction, hence
    // set before BEGIN and restored after COMMIT or ROLLBACK (the guard outlives tx).
    ForeignKeysOff fk_off(this);
    Tx tx(this);
    ImportState st;
    st.names = load_names();
    st.types = load_types();
    st.report.wave = files.wave;
    if (!files.structures.empty()) import_structures(files.structures, st);
    if (!files.link_types.empty()) import_link_types(files.link_types, st);
    if (!files.affiliations.empty()) import_affiliations(files.affiliations, st);
    if (!files.wave.empty()) {
        const auto w = ensure_wave(files.wave, st);
        if (!files.responses.empty()) import_responses(files.responses, w, st);
        if (!files.declarations.empty()) import_declarations(files.declarations, w, st);
    }
    tx.commit();
    return std::move(st.report);
}

}  // namespace coopmap
