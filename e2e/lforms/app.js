// Test-only glue for e2e/fhir.test.mjs: render the exported Questionnaire with LHC-Forms'
// documented API, optionally with a QuestionnaireResponse merged in, and read back what it shows.
window.lhc = {
  async render(response) {
    const questionnaire = await (await fetch('/fhir/package/Questionnaire-NCT07117435.json')).json();
    const form = document.getElementById('form');
    form.replaceChildren();
    const options = { fhirVersion: 'R4' };
    if (response) options.questionnaireResponse = response;
    await LForms.Util.addFormToPage(questionnaire, form, options);
  },
  /** The QuestionnaireResponse LHC-Forms builds from what it shows. */
  response() {
    return LForms.Util.getFormFHIRData('QuestionnaireResponse', 'R4', document.getElementById('form'));
  },
};
