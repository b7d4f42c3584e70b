package com.tenantpilot.scheduling.graph.internal;

import java.io.IOException;

/**
 * Thrown inside the HTTP chain when no access token could be obtained for a tenant; the request
 * was not sent. The message holds the credential's exception type and a sanitised message only.
 * Immutable.
 */
public final class TokenUnavailableException extends IOException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a sanitised description. */
  public TokenUnavailableException(String message) {
    super(message);
  }
}
