# Every dependency comes from the system (Debian packages), found by
# find_package or pkg-config; scripts/bootstrap.sh installs them.
find_package(Boost 1.74 REQUIRED)          # Boost.Graph is header-only here
find_package(PkgConfig REQUIRED)
pkg_check_modules(YAML REQUIRED IMPORTED_TARGET yaml-0.1)
find_package(RapidJSON REQUIRED)
if(NOT TARGET sbd_rapidjson)
  add_library(sbd_rapidjson INTERFACE)
  target_include_directories(sbd_rapidjson SYSTEM INTERFACE ${RapidJSON_INCLUDE_DIRS} ${RAPIDJSON_INCLUDE_DIRS})
endif()
