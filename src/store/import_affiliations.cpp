// The affiliations importer: an affiliations file (structure, group, role, start, end).
#include <map>
#include <tuple>

#include "csv/rows.hpp"
#include "store/impl.hpp"

namespace coopmap {

void Inventory::Impl::import_affiliations(const std::string& file, ImportState& st) const {
    CsvReader r(file);
    detail::check_columns(r, {"structure", "group"}, {"structure", "group", "role", "start", "end"});
    const auto c_s = r.column("structure"), c_g = r.column("group"), c_role = r.column("role"),
               c_start = r.column("start"), c_end = r.column("end");
    ImportCount c{"affiliations"}, cg{"groups"};
    auto find_group = prepare("SELECT id FROM groups WHERE code = ?");
    auto insert_group = prepare("INSERT INTO groups(code) VALUES (?)");
    auto find = prepare(
        "SELECT id, end_date FROM affiliations WHERE structure = ? AND grp = ? AND role = ? AND start_date = ?");
    auto insert =
        prepare("INSERT INTO affiliations(structure, grp, role, start_date, end_date) VALUES (?, ?, ?, ?, ?)");
    auto update = prepare("UPDATE affiliations SET end_date = ? WHERE id = ?");
    StringMap<std::int64_t> groups;
    std::map<std::tuple<std::int64_t, std::int64_t, std::string, std::string>, std::size_t> seen;
    std::vector<std::string> f;
    std::vector<char> q;
    while (r.next(f, q)) {
        const auto s = resolve_structure(r, f, c_s, st, "structure");
        if (f[c_g].empty()) r.fail(c_g, "empty group");
        if (auto fault = text_fault(f[c_g], TextRule::identifier); !fault.empty()) r.fail(c_g, "group " + fault);
        if (c_role != CsvReader::npos)
            if (auto fault = text_fault(f[c_role], TextRule::text); !fault.empty()) r.fail(c_role, "role " + fault);
        check_dates([&r](std::size_t col, const std::string& m) { r.fail(col, m); }, f, c_start, c_end);
        std::int64_t g;
        if (auto it = groups.find(f[c_g]); it != groups.end()) g = it->second;
        else {
            find_group.bind(1, std::string_view(f[c_g]));
            if (find_group.step()) {
                g = find_group.integer(0);
                find_group.reset();
            } else {
                find_group.reset();
                insert_group.bind(1, std::string_view(f[c_g]));
                insert_group.exec();
                g = sqlite3_last_insert_rowid(conn());
                ++cg.added;
            }
            groups.emplace(f[c_g], g);
        }
        const std::string role = c_role == CsvReader::npos ? std::string() : f[c_role];
        const std::string start = c_start == CsvReader::npos ? std::string() : f[c_start];
        const auto end = c_end == CsvReader::npos ? std::nullopt : opt(f[c_end]);
        if (auto [it, fresh] = seen.emplace(std::tuple{s, g, role, start}, r.line()); !fresh)
            r.fail(CsvReader::npos, "duplicate affiliation (same structure, group, role and start as line " +
                                        std::to_string(it->second) + ")");
        find.bind(1, s).bind(2, g).bind(3, std::string_view(role)).bind(4, std::string_view(start));
        if (find.step()) {
            const auto id = find.integer(0);
            const auto o_end = find.opt_text(1);
            find.reset();
            if (o_end != end) {
                update.bind(1, end).bind(2, id);
                update.exec();
                ++c.updated;
            } else ++c.unchanged;
        } else {
            find.reset();
            insert.bind(1, s).bind(2, g).bind(3, std::string_view(role)).bind(4, std::string_view(start)).bind(5, end);
            insert.exec();
            ++c.added;
        }
    }
    add_count(st.report, cg, false);
    add_count(st.report, c);
}

}  // namespace coopmap
