package com.tenantpilot.scheduling.sample;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.tenantpilot.scheduling.schedule.Violation;
import java.util.List;

/**
 * The JSON body of every error response. It never echoes the request body; for a rejected
 * schedule it lists each violation (the field, the value given for it, and the rule).
 *
 * @param status the HTTP status code
 * @param error a short text naming the problem
 * @param violations every violation of a rejected schedule, else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, List<Violation> violations) {

  /**
   * An error without violations.
   *
   * @param status the HTTP status code
   * @param error the text
   * @return the body
   */
  public static ApiError of(int status, String error) {
    return new ApiError(status, error, null);
  }
}
