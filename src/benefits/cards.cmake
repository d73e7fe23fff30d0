# The large-family card: its signed QR token (Ed25519, libsodium) and its printable face (PDF).
# A fragment, included by this folder's CMakeLists.txt, so that the card pieces build on their
# own and join the benefits room's targets unchanged.
socius_add_module(benefits_cards
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/card_token.cc ${CMAKE_CURRENT_LIST_DIR}/card_face.cc
  DEPS socius::core socius::export PkgConfig::SODIUM)

socius_add_test(benefits_cards_test
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/card_token_test.cc ${CMAKE_CURRENT_LIST_DIR}/card_face_test.cc
  DEPS socius::benefits_cards socius::export_probe)

# The card issued to households: its records and keys (cards.h over cards_repository.h), and
# its HTTP routes, officers' and public (card_routes.cc, public_card_routes.cc).
socius_add_module(benefits_card_records
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/cards.cc ${CMAKE_CURRENT_LIST_DIR}/cards_repository.cc
  DEPS socius::benefits socius::benefits_cards socius::core socius::store socius::auth
       socius::cases nlohmann_json::nlohmann_json)

socius_add_module(benefits_card_routes
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/card_wire.cc ${CMAKE_CURRENT_LIST_DIR}/card_routes.cc
          ${CMAKE_CURRENT_LIST_DIR}/public_card_routes.cc
  DEPS socius::benefits_card_records socius::http socius::auth nlohmann_json::nlohmann_json)

socius_add_test(benefits_card_issue_test SOURCES ${CMAKE_CURRENT_LIST_DIR}/cards_test.cc
  DEPS socius::benefits socius::benefits_routes socius::benefits_card_routes
       socius::benefits_card_records socius::registry socius::testing socius::export_probe)
