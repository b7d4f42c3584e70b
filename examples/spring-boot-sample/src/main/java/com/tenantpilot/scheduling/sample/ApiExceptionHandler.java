package com.tenantpilot.scheduling.sample;

import com.tenantpilot.scheduling.schedule.CorruptScheduleException;
import com.tenantpilot.scheduling.schedule.ValidationException;
import com.tenantpilot.scheduling.service.NotFoundException;
import com.tenantpilot.scheduling.service.RunActionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Maps the library's exceptions to HTTP statuses with an {@link ApiError} body:
 * {@link ValidationException} 400 with every violation, {@link NotFoundException} 404,
 * {@link RunActionException} 409, a missing or blank {@code X-User} header 400. Bodies carry the
 * library's messages (which name ids and states) but never the request payload.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  /** Not instantiated by callers; Spring creates it. */
  public ApiExceptionHandler() {
  }

  /**
   * A rejected schedule.
   *
   * @param e the exception with every violation
   * @return 400 listing the violations
   */
  @ExceptionHandler(ValidationException.class)
  public ResponseEntity<ApiError> invalid(ValidationException e) {
    return ResponseEntity.badRequest()
        .body(new ApiError(400, "invalid schedule", e.violations()));
  }

  /**
   * A schedule or run the tenant does not have.
   *
   * @param e the exception
   * @return 404
   */
  @ExceptionHandler(NotFoundException.class)
  public ResponseEntity<ApiError> notFound(NotFoundException e) {
    return status(HttpStatus.NOT_FOUND, e.getMessage());
  }

  /**
   * An action that does not apply to the run's state.
   *
   * @param e the exception
   * @return 409
   */
  @ExceptionHandler(RunActionException.class)
  public ResponseEntity<ApiError> conflict(RunActionException e) {
    return status(HttpStatus.CONFLICT, e.getMessage());
  }

  /**
   * A stored schedule that no longer decodes (e.g. its zone left the tz database).
   *
   * @param e the exception
   * @return 500 naming the schedule, with the violations of the stored row
   */
  @ExceptionHandler(CorruptScheduleException.class)
  public ResponseEntity<ApiError> corrupt(CorruptScheduleException e) {
    LOG.warn("stored schedule {} cannot be decoded: {}", e.scheduleId(), e.getMessage());
    return ResponseEntity.internalServerError()
        .body(new ApiError(500, "schedule " + e.scheduleId() + " is stored in a form that cannot be read",
            e.violations()));
  }

  /**
   * A missing {@code X-User} header.
   *
   * @param e the exception
   * @return 400
   */
  @ExceptionHandler(MissingRequestHeaderException.class)
  public ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e) {
    return status(HttpStatus.BAD_REQUEST, "the " + e.getHeaderName() + " header is required");
  }

  /**
   * A request rejected by the API itself (blank user, out-of-range parameter).
   *
   * @param e the exception
   * @return 400
   */
  @ExceptionHandler(BadRequestException.class)
  public ResponseEntity<ApiError> badRequest(BadRequestException e) {
    return status(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  /**
   * A body that is not JSON of the expected shape; the parser's message is not returned, as it
   * quotes the payload.
   *
   * @param e the exception
   * @return 400
   */
  @ExceptionHandler(HttpMessageNotReadableException.class)
  public ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
    return status(HttpStatus.BAD_REQUEST, "the request body is not a valid JSON schedule");
  }

  /**
   * A path or query parameter of the wrong type, such as a non-numeric id.
   *
   * @param e the exception
   * @return 400 naming the parameter
   */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  public ResponseEntity<ApiError> typeMismatch(MethodArgumentTypeMismatchException e) {
    return status(HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' has the wrong type");
  }

  private static ResponseEntity<ApiError> status(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(ApiError.of(status.value(), message));
  }
}
