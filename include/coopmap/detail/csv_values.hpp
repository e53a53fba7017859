#pragma once
/// \file detail/csv_values.hpp
/// Cell parsers shared by the CSV readers (internal; defined in src/io_csv.cpp).
#include <string_view>

namespace coopmap::detail {

/// Parses a finite or infinite double from the whole text (a decimal comma is accepted
/// when decimal_comma and the text has one comma and no point). False when the text is
/// not a number.
bool parse_double(std::string_view s, bool decimal_comma, double& out);

/// "true" or "false" in any case. False when the text is neither.
bool parse_bool(std::string_view s, bool& out);

}  // namespace coopmap::detail
