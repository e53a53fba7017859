// Cell parsers of the CSV files (csv/values.hpp): numbers, booleans and typed attribute text.
#include "csv/values.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>

namespace coopmap::detail {

bool parse_double(std::string_view s, bool decimal_comma, double& out) {
    if (s.empty()) return false;
    std::string tmp;
    if (decimal_comma && s.find(',') != std::string_view::npos && s.find('.') == std::string_view::npos &&
        std::count(s.begin(), s.end(), ',') == 1) {
        tmp.assign(s);
        std::replace(tmp.begin(), tmp.end(), ',', '.');
        s = tmp;
    }
    std::string_view body = s;
    if (body.front() == '+') body.remove_prefix(1);
    if (body.empty() ||
        !(std::isdigit(static_cast<unsigned char>(body.front())) || body.front() == '.' || body.front() == '-' ||
          body.front() == 'i' || body.front() == 'I' || body.front() == 'n' || body.front() == 'N'))
        return false;
    auto res = std::from_chars(body.data(), body.data() + body.size(), out);
    return res.ec == std::errc() && res.ptr == body.data() + body.size();
}

bool parse_bool(std::string_view s, bool& out) {
    std::string l(s);
    for (auto& c : l) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (l == "true") {
        out = true;
        return true;
    }
    if (l == "false") {
        out = false;
        return true;
    }
    return false;
}

bool parse_canonical_int(std::string_view s, std::int64_t& out) {
    std::string_view d = s;
    if (!d.empty() && d.front() == '-') d.remove_prefix(1);
    if (d.empty() || (d.size() > 1 && d.front() == '0')) return false;
    if (!std::all_of(d.begin(), d.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    auto res = std::from_chars(s.data(), s.data() + s.size(), out);
    return res.ec == std::errc() && res.ptr == s.data() + s.size();
}

bool is_typed_number(std::string_view s, bool decimal_comma, double& out) {
    if (s == "nan" || s == "inf" || s == "-inf") return parse_double(s, false, out);
    std::string_view d = s;
    if (!d.empty() && (d.front() == '-' || d.front() == '+')) d.remove_prefix(1);
    if (d.size() > 1 && d[0] == '0' && std::isdigit(static_cast<unsigned char>(d[1]))) return false;
    if (d.empty() || !(std::isdigit(static_cast<unsigned char>(d.front())) || d.front() == '.')) return false;
    return parse_double(s, decimal_comma, out) && std::isfinite(out);
}

bool is_scalar_text(std::string_view s, bool decimal_comma) {
    double d;
    bool b;
    return is_typed_number(s, decimal_comma, d) || parse_bool(s, b);
}

}  // namespace coopmap::detail
