# The large-family card: its signed QR token (Ed25519, libsodium) and its printable face (PDF).
# A fragment, included by this folder's CMakeLists.txt, so that the card pieces build on their
# own and join the benefits room's targets unchanged.
socius_add_module(benefits_cards
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/card_token.cc ${CMAKE_CURRENT_LIST_DIR}/card_face.cc
  DEPS socius::core socius::export PkgConfig::SODIUM)

socius_add_test(benefits_cards_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/card_token_test.cc ${CMAKE_CURRENT_LIST_DIR}/card_face_test.cc
  DEPS socius::benefits_cards socius::export_probe)
