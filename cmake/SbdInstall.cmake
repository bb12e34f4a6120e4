# Installs libsbd as a CMake package and a pkg-config module:
#
#   find_package(sbd 0.1 REQUIRED)      -> sbd::sbd (static, C++17), sbd::sbd_c (shared, C API)
#   pkg-config --cflags --libs sbd      -> the C API: -I<prefix>/include -L<prefix>/lib -lsbd_c
#
# Components: sbd_runtime (libsbd_c.so.*) and sbd_development (headers, the
# static library, the .so link, CMake and pkg-config files); a plain
# `cmake --install` installs both.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(SBD_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/sbd" CACHE STRING
    "Where sbdConfig.cmake is installed (relative to the prefix)")
set(SBD_INSTALL_PKGCONFIGDIR "${CMAKE_INSTALL_LIBDIR}/pkgconfig" CACHE STRING
    "Where sbd.pc is installed (relative to the prefix)")

# Headers: the C++ API, the C header and the generated version.hpp.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/sbd
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        COMPONENT sbd_development
        FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(FILES ${PROJECT_BINARY_DIR}/include/sbd/version.hpp
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/sbd
        COMPONENT sbd_development)

set(_sbd_install_targets sbd)
if(TARGET sbd_c)
  list(APPEND _sbd_install_targets sbd_c)
endif()
install(TARGETS ${_sbd_install_targets}
        EXPORT sbdTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT sbd_development
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT sbd_runtime
                NAMELINK_COMPONENT sbd_development
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT sbd_runtime)
# (Both targets name their installed include folder: $<INSTALL_INTERFACE:include>.)
install(EXPORT sbdTargets
        NAMESPACE sbd::
        FILE sbdTargets.cmake
        DESTINATION ${SBD_INSTALL_CMAKEDIR}
        COMPONENT sbd_development)

configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/sbdConfig.cmake.in
  ${PROJECT_BINARY_DIR}/sbdConfig.cmake
  INSTALL_DESTINATION ${SBD_INSTALL_CMAKEDIR})
# Before 1.0 a minor version may break the API; from 1.0 the major version.
if(PROJECT_VERSION_MAJOR EQUAL 0)
  set(_sbd_compatibility SameMinorVersion)
else()
  set(_sbd_compatibility SameMajorVersion)
endif()
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/sbdConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY ${_sbd_compatibility})
install(FILES ${PROJECT_BINARY_DIR}/sbdConfig.cmake ${PROJECT_BINARY_DIR}/sbdConfigVersion.cmake
        DESTINATION ${SBD_INSTALL_CMAKEDIR}
        COMPONENT sbd_development)

# sbd.pc: relocatable (paths relative to the .pc file), for the C API.
if(TARGET sbd_c)
  foreach(dir SBD_INSTALL_PKGCONFIGDIR CMAKE_INSTALL_LIBDIR CMAKE_INSTALL_INCLUDEDIR)
    if(IS_ABSOLUTE "${${dir}}")
      message(FATAL_ERROR "sbd.pc: ${dir} must be relative to the prefix, not ${${dir}}")
    endif()
  endforeach()
  file(RELATIVE_PATH SBD_PC_PREFIX_FROM_PCFILEDIR
       "/prefix/${SBD_INSTALL_PKGCONFIGDIR}" "/prefix")
  string(REGEX REPLACE "/$" "" SBD_PC_PREFIX_FROM_PCFILEDIR "${SBD_PC_PREFIX_FROM_PCFILEDIR}")
  configure_file(${PROJECT_SOURCE_DIR}/cmake/sbd.pc.in ${PROJECT_BINARY_DIR}/sbd.pc @ONLY)
  install(FILES ${PROJECT_BINARY_DIR}/sbd.pc
          DESTINATION ${SBD_INSTALL_PKGCONFIGDIR}
          COMPONENT sbd_development)
endif()
