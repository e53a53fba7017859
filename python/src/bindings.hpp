#pragma once
// Shared conversions of the pybind11 layer: it only converts types and releases the GIL.
#include <pybind11/pybind11.h>

#include <string>

#include "coopmap/network.hpp"

namespace coopmap::py_bind {
namespace py = pybind11;

/// Python value -> attribute Value: bool, int (64-bit), float, str, numpy scalars.
/// `what` names the attribute in the error message.
Value to_value(const py::handle& obj, const std::string& what);
py::object from_value(const Value& v);
/// Attributes -> dict entries added to d.
void add_attributes(py::dict& d, const Attributes& a);
/// kwargs (except the names in skip) -> Attributes; None values are skipped.
Attributes to_attributes(const py::dict& kwargs, const std::string& owner);

void bind_network(py::module_& m);
}  // namespace coopmap::py_bind
