package org.cosell.deal.catalog;

/** The partner's catalog already lists a solution of that name; the API answers 409. */
public class SolutionAlreadyListed extends RuntimeException {

    public SolutionAlreadyListed(String name) {
        super("Your catalog already lists a solution named \"" + name + "\"");
    }
}
