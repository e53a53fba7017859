// The structures importer: a structures file (ids, names, aliases, typed attributes), parsed once.
#include "csv/rows.hpp"
#include "store/impl.hpp"

namespace coopmap {

void Inventory::Impl::import_structures(const std::string& file, ImportState& st) const {
    // Read once, by read_csv's rules (ids, aliases, typed attributes validated with
    // file/line/column errors), keeping the line of each structure for the messages below.
    const CsvReadOptions defaults;
    Network net(defaults.directed);
    std::vector<std::size_t> lines;
    std::size_t c_aliases, c_id;
    bool has_name;
    {
        CsvReader r(file, defaults.delimiter);
        detail::read_structures(net, r, &lines);
        c_id = r.column("id");
        c_aliases = r.column("aliases");
        has_name = r.column("name") != CsvReader::npos;
    }
    ImportCount cs{"structures"}, ca{"aliases"};
    auto find_code = prepare("SELECT id, name, siren, rna, legal_family FROM structures WHERE code = ?");
    auto insert = prepare("INSERT INTO structures(code, name, siren, rna, legal_family) VALUES (?, ?, ?, ?, ?)");
    auto update = prepare("UPDATE structures SET name = ?, siren = ?, rna = ?, legal_family = ? WHERE id = ?");
    auto attrs = prepare("SELECT structure, name, kind, value FROM structure_attributes WHERE structure = ?");
    attrs.rows_of("structure_attributes", "structure, name");
    auto put_attr =
        prepare("INSERT OR REPLACE INTO structure_attributes(structure, name, kind, value) VALUES (?, ?, ?, ?)");
    auto put_alias = prepare("INSERT INTO aliases(alias, structure) VALUES (?, ?)");
    auto resolve =
        prepare("UPDATE declarations SET partner = ?1 WHERE partner IS NULL AND partner_text = ?2 AND declarer <> ?1");
    auto resolve_name = [&](std::int64_t rowid, const std::string& text) {
        resolve.bind(1, rowid).bind(2, std::string_view(text));
        resolve.exec();
        st.report.resolved_partners += static_cast<std::size_t>(sqlite3_changes(conn()));
    };
    for (index_t i = 0; i < net.number_of_structures(); ++i) {
        const auto& s = net.structure(i);
        const std::size_t line = i < lines.size() ? lines[i] : 0;
        Attributes a = s.attributes;
        auto take = [&](const char* key) -> std::optional<std::string> {
            auto it = a.find(key);
            if (it == a.end()) return std::nullopt;
            auto v = value_to_string(it->second);
            a.erase(it);
            return v;
        };
        auto siren = take("siren"), rna = take("rna"), family = take("legal_family");
        std::int64_t rowid;
        if (auto it = st.names.find(s.id); it && it->alias) {
            throw parse_error(file, line, c_id + 1, "id",
                              "structure id '" + s.id + "' is already an alias of structure '" + st.code_of(it->rowid) +
                                  "' in the inventory");
        }
        bool existed = false, changed_fields = false;
        find_code.bind(1, std::string_view(s.id));
        if (find_code.step()) {
            existed = true;
            rowid = find_code.integer(0);
            const std::string o_name(find_code.text(1));
            const std::string name = has_name ? s.name : o_name;
            auto o_siren = find_code.opt_text(2), o_rna = find_code.opt_text(3), o_family = find_code.opt_text(4);
            find_code.reset();
            bool changed = name != o_name;
            if (!siren) siren = o_siren;
            if (!rna) rna = o_rna;
            if (!family) family = o_family;
            changed = changed || siren != o_siren || rna != o_rna || family != o_family;
            if (changed) {
                update.bind(1, std::string_view(name)).bind(2, siren).bind(3, rna).bind(4, family).bind(5, rowid);
                update.exec();
            }
            Attributes old;
            attrs.bind(1, rowid);
            while (attrs.step()) old.emplace(std::string(attrs.text(1)), stored_attribute(attrs, 2, 3));
            attrs.reset();
            for (const auto& [k, v] : a) {
                auto it = old.find(k);
                if (it != old.end() && it->second == v) continue;
                changed = true;
                store_attribute(put_attr, rowid, k, v);
            }
            ++(changed ? cs.updated : cs.unchanged);
            changed_fields = changed;
        } else {
            find_code.reset();
            insert.bind(1, std::string_view(s.id))
                .bind(2, std::string_view(s.name))
                .bind(3, siren)
                .bind(4, rna)
                .bind(5, family);
            insert.exec();
            rowid = sqlite3_last_insert_rowid(conn());
            st.add_structure(s.id, rowid);
            for (const auto& [k, v] : a) store_attribute(put_attr, rowid, k, v);
            ++cs.added;
            resolve_name(rowid, s.id);
        }
        bool gained_alias = false;
        for (const auto& al : s.aliases) {
            if (auto it = st.names.find(al)) {
                if (it->rowid == rowid) {
                    ++ca.unchanged;
                    continue;
                }
                throw parse_error(
                    file, line, c_aliases == CsvReader::npos ? 0 : c_aliases + 1, "aliases",
                    "alias '" + al + "' is already used by structure '" + st.code_of(it->rowid) + "' in the inventory");
            }
            put_alias.bind(1, std::string_view(al)).bind(2, rowid);
            put_alias.exec();
            st.names.emplace(al, NameRef{rowid, true});
            ++ca.added;
            if (existed && !gained_alias && !changed_fields) {  // a new alias updates an unchanged structure
                gained_alias = true;
                --cs.unchanged;
                ++cs.updated;
            }
            resolve_name(rowid, al);
        }
    }
    add_count(st.report, cs);
    add_count(st.report, ca, false);
}

}  // namespace coopmap
