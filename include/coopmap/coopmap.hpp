#pragma once
/// \file coopmap.hpp
/// Everything in coopmap: #include <coopmap/coopmap.hpp>.
#include "coopmap/error.hpp"
#include "coopmap/io.hpp"
#include "coopmap/network.hpp"
#include "coopmap/layout.hpp"
#include "coopmap/render.hpp"
#include "coopmap/export.hpp"
