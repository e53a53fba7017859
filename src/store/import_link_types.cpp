// The link types importer: a link types file (code, label, family, directed, other attributes).
#include "csv/rows.hpp"
#include "csv/values.hpp"
#include "store/impl.hpp"

namespace coopmap {

void Inventory::Impl::import_link_types(const std::string& file, ImportState& st) const {
    CsvReader r(file);
    detail::check_columns(r, {"code"}, {});
    const auto c_code = r.column("code"), c_label = r.column("label"), c_family = r.column("family"),
               c_dir = r.column("directed");
    std::vector<std::size_t> extra;
    for (std::size_t i = 0; i < r.header().size(); ++i)
        if (i != c_code && i != c_label && i != c_family && i != c_dir) {
            if (auto fault = text_fault(r.header()[i], TextRule::identifier); !fault.empty())
                r.fail_at(1, i, "attribute name " + fault);
            extra.push_back(i);
        }
    ImportCount c{"link_types"};
    auto find = prepare("SELECT id, label, family, directed FROM link_types WHERE code = ?");
    auto insert = prepare("INSERT INTO link_types(code, label, family, directed) VALUES (?, ?, ?, ?)");
    auto update = prepare("UPDATE link_types SET label = ?, family = ?, directed = ? WHERE id = ?");
    auto used = prepare("SELECT 1 FROM declarations WHERE type = ? LIMIT 1");
    auto get_attr = prepare("SELECT value FROM link_type_attributes WHERE type = ? AND name = ?");
    auto put_attr = prepare("INSERT OR REPLACE INTO link_type_attributes(type, name, value) VALUES (?, ?, ?)");
    StringMap<std::size_t> seen;
    std::vector<std::string> f;
    std::vector<char> q;
    while (r.next(f, q)) {
        const auto& code = f[c_code];
        if (code.empty()) r.fail(c_code, "empty link type code");
        if (auto fault = text_fault(code, TextRule::identifier); !fault.empty())
            r.fail(c_code, "link type code " + fault);
        for (std::size_t k = 0; k < f.size(); ++k)
            if (k != c_code)
                if (auto fault = text_fault(f[k], TextRule::text); !fault.empty()) r.fail(k, fault);
        if (auto [it, fresh] = seen.emplace(code, r.line()); !fresh)
            r.fail(c_code, "duplicate link type '" + code + "' (first on line " + std::to_string(it->second) + ")");
        bool directed = false;  // no column, or an empty cell: undirected
        if (c_dir != CsvReader::npos && !f[c_dir].empty() && !detail::parse_bool(f[c_dir], directed))
            r.fail(c_dir, "directed must be true or false, got '" + f[c_dir] + "'");
        auto label = c_label == CsvReader::npos ? std::nullopt : opt(f[c_label]);
        auto family = c_family == CsvReader::npos ? std::nullopt : opt(f[c_family]);
        std::int64_t rowid;
        find.bind(1, std::string_view(code));
        if (find.step()) {
            rowid = find.integer(0);
            auto o_label = find.opt_text(1), o_family = find.opt_text(2);
            const bool o_dir = find.integer(3) != 0;
            find.reset();
            bool changed = label != o_label || family != o_family || directed != o_dir;
            if (directed != o_dir) {
                used.bind(1, rowid);
                const bool in_use = used.step();
                used.reset();
                if (in_use)
                    r.fail(c_dir, "link type '" + code + "' is stored as " + (o_dir ? "directed" : "undirected") +
                                      " and declarations use it: its direction cannot change");
            }
            if (changed) {
                update.bind(1, label).bind(2, family).bind(3, std::int64_t(directed)).bind(4, rowid);
                update.exec();
            }
            for (auto i : extra) {
                if (f[i].empty()) continue;
                get_attr.bind(1, rowid).bind(2, std::string_view(r.header()[i]));
                const bool same = get_attr.step() && get_attr.text(0) == f[i];
                get_attr.reset();
                if (!same) {
                    changed = true;
                    put_attr.bind(1, rowid).bind(2, std::string_view(r.header()[i])).bind(3, std::string_view(f[i]));
                    put_attr.exec();
                }
            }
            ++(changed ? c.updated : c.unchanged);
        } else {
            find.reset();
            insert.bind(1, std::string_view(code)).bind(2, label).bind(3, family).bind(4, std::int64_t(directed));
            insert.exec();
            rowid = sqlite3_last_insert_rowid(conn());
            for (auto i : extra) {
                if (f[i].empty()) continue;
                put_attr.bind(1, rowid).bind(2, std::string_view(r.header()[i])).bind(3, std::string_view(f[i]));
                put_attr.exec();
            }
            ++c.added;
        }
        st.types.insert_or_assign(code, TypeRef{rowid, directed});
    }
    add_count(st.report, c);
}

}  // namespace coopmap
