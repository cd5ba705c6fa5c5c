package org.cosell.contracts.common;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.math.BigDecimal;

/** An amount in a currency: {@code amount} is a decimal greater than zero, a string on the wire; {@code currency} is ISO 4217. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Money(@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String currency) {
}
