#include "http/download.h"

#include <utility>

namespace socius::http {

Response Download(std::string content_type, const std::string& file_name, std::string bytes) {
  Response response;
  response.status = 200;
  response.content_type = std::move(content_type);
  response.body = std::move(bytes);
  response.Header("Content-Disposition", "attachment; filename=\"" + file_name + "\"");
  response.Header("Cache-Control", "no-store");
  return response;
}

}  // namespace socius::http
