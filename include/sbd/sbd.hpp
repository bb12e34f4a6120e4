// libsbd: the umbrella header of the C++ API.
#pragma once

#include <sbd/architecture.hpp>
#include <sbd/catalog.hpp>
#include <sbd/diagnostic.hpp>
#include <sbd/diagram.hpp>
#include <sbd/emit.hpp>
#include <sbd/error.hpp>
#include <sbd/read.hpp>
#include <sbd/validate.hpp>
#include <sbd/value.hpp>
#include <sbd/version.hpp>
