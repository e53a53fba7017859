// The responses importer: a wave's responses file (structure, status).
#include "csv/rows.hpp"
#include "store/impl.hpp"

namespace coopmap {

void Inventory::Impl::import_responses(const std::string& file, std::int64_t wave, ImportState& st) const {
    CsvReader r(file);
    ImportCount c{"responses"};
    auto find = prepare("SELECT status FROM responses WHERE wave = ? AND structure = ?");
    auto put = prepare("INSERT OR REPLACE INTO responses(wave, structure, status) VALUES (?, ?, ?)");
    detail::read_response_rows<std::int64_t>(
        r,
        [&](CsvReader& rr, const std::vector<std::string>& f, std::size_t col) {
            return resolve_structure(rr, f, col, st, "structure");
        },
        [&](std::int64_t s) { return st.code_of(s); },
        [&](std::int64_t s, const std::string& status) {
            find.bind(1, wave).bind(2, s);
            const bool exists = find.step();
            const bool same = exists && find.text(0) == status;
            find.reset();
            if (same) {
                ++c.unchanged;
                return;
            }
            put.bind(1, wave).bind(2, s).bind(3, std::string_view(status));
            put.exec();
            ++(exists ? c.updated : c.added);
        });
    add_count(st.report, c);
}

}  // namespace coopmap
