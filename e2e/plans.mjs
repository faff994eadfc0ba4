// Patient answer plans (question id -> answer) for the end-to-end journeys.
export const LIKELY = {
  age: 64, crc_liver: 'yes', confirmed_sample: 'yes', surgery: 'not_possible', treated_since_spread: 'none',
  periop_treatment: 'yes', periop_months: 9, daily_activity: 'a1', liver_tumour_size: 'yes',
  could_have_children: 'no', msi: 'not_found', ras_braf: 'changed', side_effects: 'mild', brain: 'none',
  artery_procedure: 'no', infection: 'no', nerve_damage: 'no', immune: 'no', immune_medicine: 'no', hep_b: 'yes', hbv_dna: 'below',
  hep_c: 'none', syphilis: 'no', drug_allergy: 'bevacizumab_only', strong_interacting_medicines: 'none',
  lung: 'no', heart: 'no', heart_other: 'no', heart_attack: 'no', neuro_mental: 'no', blood_clot: 'no',
  bleeding_severe: 'no', bleeding_recent: 'no', bleeding_other: 'no',
};
// Unknowns but nothing against: MSI-H alone, hepatitis B level unknown, surgery not yet decided.
export const POSSIBLY = { ...LIKELY, msi: 'found', immunotherapy_advised: '?', hbv_dna: '?', surgery: '?' };
// Clearly not a fit on the first answer.
export const NOT_A_FIT = { ...LIKELY, age: 80 };
