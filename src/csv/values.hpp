// Cell parsers shared by the CSV readers, the writer and the Inventory importers (csv/values.cpp).
#pragma once
#include <cstdint>
#include <string_view>

namespace coopmap::detail {

/// Parses a finite or infinite double from the whole text (a decimal comma is accepted
/// when decimal_comma and the text has one comma and no point). False when the text is
/// not a number.
bool parse_double(std::string_view s, bool decimal_comma, double& out);

/// "true" or "false" in any case. False when the text is neither.
bool parse_bool(std::string_view s, bool& out);

/// An integer in canonical decimal form (no sign but '-', no leading zero) that fits
/// an int64. False otherwise.
bool parse_canonical_int(std::string_view s, std::int64_t& out);

/// A number as attribute text: decimal or scientific notation without a leading zero
/// before other digits (so "0123" stays text: postcodes, SIREN numbers), or nan, inf,
/// -inf (as format_double writes them).
bool is_typed_number(std::string_view s, bool decimal_comma, double& out);

/// Would this unquoted text be read as a number or a boolean?
bool is_scalar_text(std::string_view s, bool decimal_comma);

}  // namespace coopmap::detail
