package com.tenantpilot.scheduling.sample;

/** A request the API rejects with 400 before it reaches the library; the message is safe to return. */
public class BadRequestException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, without request payloads
   */
  public BadRequestException(String message) {
    super(message);
  }
}
