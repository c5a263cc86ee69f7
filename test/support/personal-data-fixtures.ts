/** Personal data values the integration tests put into the system (checked to never reach a log). */
export const PERSONAL_DATA_SEEN_IN_TESTS = ['0987654321', '0909123456', '079203001234'];
