package cn.shudi.credit;

/** A unified social credit code that is not valid per GB 32100-2015; the message says what is wrong, in Chinese. */
class InvalidCreditCodeException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidCreditCodeException(String message) {
    super(message);
  }
}
